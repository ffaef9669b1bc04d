using OneWindow.Domain.Mailbox;
using Xunit;

namespace OneWindow.Domain.Tests.Enquiries;

/// <summary>Which reply a writer's rating answers: the latest, while it is unrated and its rating period is open.</summary>
public sealed class MailboxLetterRatingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    private static MailboxReply Reply(int round) => new(round, $"第{round}次答复", "housing", "user:officer", At.AddDays(round));

    private static MailboxRating Rating(int round, int score) => new(round, score, null, At.AddDays(round).AddHours(1));

    private static MailboxLetter Letter(IReadOnlyList<MailboxReply> replies, IReadOnlyList<MailboxRating> ratings, bool open = true) => new()
    {
        Type = MailboxLetterTypes.Complaint, Subject = "噪音", Content = "夜间施工", Replies = replies, Ratings = ratings, RatingOpen = open,
    };

    [Fact]
    public void Nothing_to_rate_before_a_reply() => Assert.Null(Letter([], []).RatableRound);

    [Fact]
    public void An_unrated_reply_is_rated_next() => Assert.Equal(1, Letter([Reply(1)], []).RatableRound);

    [Fact]
    public void A_rated_reply_is_not_rated_again() => Assert.Null(Letter([Reply(1)], [Rating(1, 4)]).RatableRound);

    [Fact]
    public void Once_the_rating_period_ended_nothing_is_ratable() => Assert.Null(Letter([Reply(1)], [], open: false).RatableRound);

    [Fact]
    public void After_a_reopening_the_second_reply_is_rated()
    {
        Assert.Equal(2, Letter([Reply(1), Reply(2)], [Rating(1, 1)]).RatableRound);
        Assert.Null(Letter([Reply(1), Reply(2)], [Rating(1, 1), Rating(2, 3)]).RatableRound);
        Assert.Null(Letter([Reply(1), Reply(2)], [Rating(1, 1)], open: false).RatableRound);
    }

    [Fact]
    public void A_new_letter_is_open_for_rating_and_not_reopened()
    {
        var letter = new MailboxLetter { Type = MailboxLetterTypes.Consultation, Subject = "s", Content = "c" };
        Assert.True(letter.RatingOpen);
        Assert.False(letter.Reopened);
        Assert.Empty(letter.Replies);
        Assert.Null(letter.RatableRound);
    }
}
