using Microsoft.Extensions.Logging;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>
/// Replays an orchestrator over its history plus the new events of this work item, on a single-threaded scheduler.
/// Actions the code takes are matched by event id against the history; a mismatch is a non-determinism failure naming the step.
/// </summary>
internal sealed class OrchestrationExecutor(DurableTaskRegistry registry, DataConverter converter, ILoggerFactory loggerFactory)
{
    public OrchestrationExecutionResult Execute(string instanceId, string executionId, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> newEvents)
    {
        var started = past.Concat(newEvents).First(e => e.Type == EventTypes.ExecutionStarted);
        var name = new TaskName(started.Name!, started.Version);
        var result = new OrchestrationExecutionResult { Name = name };
        if (!registry.TryGetOrchestrator(name, out var orchestrator))
        {
            result.FinalStatus = OrchestrationRuntimeStatus.Failed;
            result.Failure = new TaskFailureDetails(typeof(InvalidOperationException).FullName!, $"Orchestrator '{name}' is not registered.", null, null);
            return result;
        }

        var parent = started.ParentInstanceId is null ? null : new ParentOrchestrationInstance(new TaskName(started.ParentName ?? "unknown"), started.ParentInstanceId);
        var context = new ReplayContext(name, instanceId, executionId, parent, started.Input, converter, loggerFactory);
        var scheduler = new ReplayTaskScheduler();
        Task<object?>? run = null;
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            var all = past.Concat(newEvents).ToList();
            for (var i = 0; i < all.Count; i++)
            {
                var e = all[i];
                context.Replaying = i < past.Count;
                switch (e.Type)
                {
                    case EventTypes.OrchestratorStarted:
                        context.Now = e.Timestamp;
                        break;
                    case EventTypes.ExecutionStarted:
                        if (context.Now == default)
                        {
                            context.Now = e.Timestamp;
                        }

                        run = Task.Factory.StartNew(
                            () => orchestrator.RunAsync(context, converter.Deserialize(e.Input, orchestrator.InputType)),
                            CancellationToken.None,
                            TaskCreationOptions.None,
                            scheduler).Unwrap();
                        break;
                    case EventTypes.TaskScheduled or EventTypes.TimerCreated or EventTypes.SubOrchestrationInstanceCreated or EventTypes.EventSent:
                        Confirm(context, e);
                        break;
                    case EventTypes.TaskCompleted or EventTypes.TimerFired or EventTypes.SubOrchestrationInstanceCompleted:
                        Outcome(context, e).Complete?.Invoke(e.Result);
                        break;
                    case EventTypes.TaskFailed or EventTypes.SubOrchestrationInstanceFailed:
                        Outcome(context, e).Fail?.Invoke(e.Failure ?? new TaskFailureDetails("Unknown", "Unknown failure", null, null));
                        break;
                    case EventTypes.EventRaised:
                        context.DeliverEvent(e.Name!, e.Input);
                        break;
                }

                scheduler.RunUntilIdle();
            }
        }
        catch (NonDeterministicOrchestrationException nondeterminism)
        {
            result.FinalStatus = OrchestrationRuntimeStatus.Failed;
            result.Failure = TaskFailureDetails.FromException(nondeterminism);
            return result;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }

        result.CustomStatusSet = context.CustomStatusSet;
        result.CustomStatus = context.CustomStatus;
        foreach (var action in context.Actions.Values.OrderBy(a => a.EventId))
        {
            if (!action.Confirmed && !action.Canceled)
            {
                result.NewActions.Add(action);
            }
        }

        if (run is { IsCompleted: true })
        {
            if (run.IsCompletedSuccessfully && context.ContinueAsNewRequested)
            {
                result.FinalStatus = OrchestrationRuntimeStatus.ContinuedAsNew;
                result.ContinueAsNewInput = context.ContinueAsNewInput;
                if (context.PreserveUnprocessedEvents)
                {
                    result.CarryOverEvents.AddRange(context.BufferedEvents);
                }
            }
            else if (run.IsCompletedSuccessfully)
            {
                result.FinalStatus = OrchestrationRuntimeStatus.Completed;
                result.Output = converter.Serialize(run.Result);
            }
            else
            {
                result.FinalStatus = OrchestrationRuntimeStatus.Failed;
                var error = run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was canceled.");
                result.Failure = TaskFailureDetails.FromException(error);
            }
        }

        return result;
    }

    private static void Confirm(ReplayContext context, HistoryEvent e)
    {
        if (!context.Actions.TryGetValue(e.EventId, out var action))
        {
            throw new NonDeterministicOrchestrationException(e.EventId, $"Non-deterministic orchestration: history has {Describe(e)} at event {e.EventId} but code did not call anything there.");
        }

        var sameName = e.Type == EventTypes.TimerCreated || string.Equals(action.Name, e.Name, StringComparison.OrdinalIgnoreCase);
        if (action.Type != e.Type || !sameName)
        {
            throw new NonDeterministicOrchestrationException(e.EventId, $"Non-deterministic orchestration: history has {Describe(e)} at event {e.EventId} but code called {action.Describe()}.");
        }

        action.Confirmed = true;
    }

    private static OrchestrationAction Outcome(ReplayContext context, HistoryEvent e)
    {
        if (!context.Actions.TryGetValue(e.EventId, out var action))
        {
            throw new NonDeterministicOrchestrationException(e.EventId, $"Non-deterministic orchestration: history has {e.Type} for event {e.EventId} but code has no such step.");
        }

        if (action.Done || action.Canceled)
        {
            return new OrchestrationAction { EventId = e.EventId, Type = action.Type };
        }

        action.Done = true;
        return action;
    }

    private static string Describe(HistoryEvent e) => e.Type == EventTypes.TimerCreated ? "TimerCreated" : $"{e.Type} '{e.Name}'";
}
