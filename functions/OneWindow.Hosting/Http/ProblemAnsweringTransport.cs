using System.IO.Pipelines;

namespace OneWindow.Hosting.Http;

/// <summary>A connection's transport whose output goes through <see cref="RejectedRequestProblemWriter"/>.</summary>
/// <param name="transport">The connection's own transport.</param>
internal sealed class ProblemAnsweringTransport(IDuplexPipe transport) : IDuplexPipe
{
    public PipeReader Input { get; } = transport.Input;

    public PipeWriter Output { get; } = new RejectedRequestProblemWriter(transport.Output);
}
