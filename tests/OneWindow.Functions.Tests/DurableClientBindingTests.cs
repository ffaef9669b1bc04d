using System.Reflection;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting;
using OneWindow.Orchestrations.Applications;
using Xunit;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Tests;

/// <summary>
/// In Azure the isolated worker gives a function its <see cref="DurableTaskClient"/> only as a <c>[DurableClient]</c>
/// binding: no class of the app may take one in its constructor, and every function that needs one declares the binding.
/// </summary>
public sealed class DurableClientBindingTests
{
    private static readonly Assembly[] App = [typeof(OneWindow.Functions.OneWindowApp).Assembly, typeof(ApplicationOrchestration).Assembly];

    [Fact]
    public void No_class_of_the_app_takes_a_durable_client_in_its_constructor()
    {
        var offenders = App.SelectMany(a => a.GetTypes())
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => typeof(DurableTaskClient).IsAssignableFrom(p.ParameterType))))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_function_parameter_of_type_durable_client_is_a_DurableClient_binding_and_the_raising_functions_have_one()
    {
        var functions = App.SelectMany(a => a.GetTypes()).SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .ToList();
        var parameters = functions.SelectMany(m => m.GetParameters()).Where(p => p.ParameterType == typeof(DurableTaskClient)).ToList();
        Assert.All(parameters, p => Assert.NotNull(p.GetCustomAttribute<DurableClientAttribute>()));
        var bound = functions.Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(DurableTaskClient))).Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name).ToHashSet();
        foreach (var name in new[] { "SubmitApplication", "DecideAcceptance", "SubmitCorrection", "DecideTask", "ReceiveDepartmentWebhook", "TerminateApplication", "PurgeFinishedOrchestrations", "AskConsultation", "PutCaseOnGreenChannel", "AdminPutCalendarYear" })
        {
            Assert.Contains(name, bound);
        }
    }
}
