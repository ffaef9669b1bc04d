using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Tests;

/// <summary>A durable activity function for adapter tests; the greeting comes from DI to prove the class is built per call.</summary>
public sealed class DurableSamples(Greeting greeting)
{
    public async Task<string> GreetAsync([ActivityTrigger] string name)
    {
        await Task.Yield();
        return greeting.Text + " " + name;
    }
}
