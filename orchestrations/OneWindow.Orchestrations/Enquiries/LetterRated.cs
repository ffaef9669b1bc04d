namespace OneWindow.Orchestrations.Enquiries;

/// <summary>Payload of <see cref="EnquiryEvents.LetterRated"/>: the round of the reply rated and the score (1–5).</summary>
public sealed record LetterRated(int Round, int Score);
