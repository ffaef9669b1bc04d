namespace OneWindow.Domain.Review;

/// <summary>An opinion asked of another department (意见征询) and, once given, its answer.</summary>
public sealed record TaskConsultation(string Id, string Department, string Question, DateTimeOffset? DueAt, string? Opinion, DateTimeOffset? AnsweredAt);
