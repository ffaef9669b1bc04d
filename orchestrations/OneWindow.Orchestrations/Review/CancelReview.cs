namespace OneWindow.Orchestrations.Review;

/// <summary>Payload of <see cref="ReviewEvents.Cancel"/> and <see cref="ReviewEvents.Termination"/>.</summary>
public sealed record CancelReview(string Reason, string Actor);
