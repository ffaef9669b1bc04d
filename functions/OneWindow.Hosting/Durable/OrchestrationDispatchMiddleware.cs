using System.Text;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// What Durable Functions adds around each orchestration work item that DTFx does not: the parent instance for
/// <c>context.Parent</c>; the version rules of host.json (<c>defaultVersion</c>, <c>versionMatchStrategy</c>,
/// <c>versionFailureStrategy</c>); and the 16 KB cap on the custom status.
/// </summary>
internal sealed class OrchestrationDispatchMiddleware(DurableTaskHostOptions options, ILogger logger)
{
    /// <summary>Durable Functions refuses custom status larger than this (UTF-8 bytes of its JSON).</summary>
    public const int MaxCustomStatusBytes = 16 * 1024;

    public async Task InvokeAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        var state = context.GetProperty<OrchestrationRuntimeState>();
        if (context.GetProperty<TaskOrchestration>() is FunctionOrchestration orchestration)
        {
            orchestration.Bind(state?.ParentInstance is { } parent
                ? new ParentOrchestrationInstance(new Microsoft.DurableTask.TaskName(parent.Name), parent.OrchestrationInstance.InstanceId)
                : null);
        }

        if (state is not null && VersionRefusal(state.Version) is { } refusal)
        {
            if (options.FailureStrategy == VersionFailure.Reject)
            {
                // Thrown, the work item is abandoned and comes back later, for a host of a matching version.
                throw new InvalidOperationException(refusal);
            }

            context.SetProperty(Failed(refusal, "VersionMismatch"));
            return;
        }

        await next().ConfigureAwait(false);
        var result = context.GetProperty<OrchestratorExecutionResult>();
        if (result?.CustomStatus is { } status && Encoding.UTF8.GetByteCount(status) > MaxCustomStatusBytes)
        {
            var message = $"The custom status of '{state?.OrchestrationInstance?.InstanceId}' is {Encoding.UTF8.GetByteCount(status)} bytes; at most {MaxCustomStatusBytes} are allowed.";
            logger.LogError("{Message}", message);
            context.SetProperty(Failed(message, "CustomStatusTooLarge"));
        }
    }

    private string? VersionRefusal(string? version)
    {
        if (string.IsNullOrEmpty(options.DefaultVersion) || options.MatchStrategy == VersionMatch.None)
        {
            return null;
        }

        var comparison = DurableTaskHostOptions.CompareVersions(version, options.DefaultVersion);
        var allowed = options.MatchStrategy == VersionMatch.Strict ? comparison == 0 : comparison <= 0;
        return allowed ? null : $"The orchestration version '{version}' does not match this host's version '{options.DefaultVersion}' ({options.MatchStrategy}).";
    }

    private static OrchestratorExecutionResult Failed(string message, string errorType) => new()
    {
        Actions =
        [
            new OrchestrationCompleteOrchestratorAction
            {
                OrchestrationStatus = OrchestrationStatus.Failed,
                Result = message,
                FailureDetails = new FailureDetails(errorType, message, stackTrace: null, innerFailure: null, isNonRetriable: true),
            },
        ],
    };
}
