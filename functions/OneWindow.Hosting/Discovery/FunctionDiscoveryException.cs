namespace OneWindow.Hosting.Discovery;

/// <summary>A function declaration the host cannot run (no trigger, several triggers, duplicate name).</summary>
public sealed class FunctionDiscoveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FunctionDiscoveryException()
    {
    }

    /// <summary>Creates the exception with a message naming the offending method.</summary>
    public FunctionDiscoveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public FunctionDiscoveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
