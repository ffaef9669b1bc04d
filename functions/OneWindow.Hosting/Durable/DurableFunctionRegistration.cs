using OneWindow.DurableTask;
using OneWindow.Hosting.Discovery;

namespace OneWindow.Hosting.Durable;

/// <summary>Registers discovered orchestration and activity functions into a <see cref="DurableTaskRegistry"/>.</summary>
public static class DurableFunctionRegistration
{
    /// <summary>
    /// Adds each <c>[OrchestrationTrigger]</c> function as an orchestrator (name = function name, version from the attribute)
    /// and each <c>[ActivityTrigger]</c> function as an activity. Call it where the durable worker's registry is configured.
    /// </summary>
    public static DurableTaskRegistry AddFunctions(this DurableTaskRegistry registry, IEnumerable<FunctionDescriptor> functions, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var function in functions)
        {
            switch (function.TriggerAttribute)
            {
                case OrchestrationTriggerAttribute orchestration:
                    registry.AddOrchestrator(new TaskName(function.Name, orchestration.Version), new FunctionOrchestrator(function, services));
                    break;
                case ActivityTriggerAttribute:
                    registry.AddActivity(new TaskName(function.Name), new FunctionActivity(function, services));
                    break;
            }
        }

        return registry;
    }
}
