using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Delivery;
using OneWindow.Domain.Review;
using OneWindow.Domain.Supervision;
using Xunit;

namespace OneWindow.Domain.Tests;

/// <summary>A case's timeline in domain terms, with the working time of each step on the calendar.</summary>
public sealed class SupervisionTimelineTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.CreateDefault();

    private static DateTimeOffset Shanghai(int day, int hour, int minute) =>
        WorkingDayCalendar.FromLocal(new DateOnly(2026, 11, day), new TimeSpan(hour, minute, 0));

    [Fact]
    public void Each_step_carries_the_working_time_since_the_previous_step_of_its_track()
    {
        var application = new ApplicationRecord
        {
            Id = "app-1", Number = "341881-20261123-0001", ItemCode = "i", ItemName = "食品经营许可", Status = "approved", OwnerHash = "h",
            Fingerprint = "f", SubmittedAt = Shanghai(20, 16, 30), AcceptedAt = Shanghai(23, 9, 0), DecidedAt = Shanghai(25, 10, 0),
            Applicant = new MaskedApplicant("person", "张*", "110***********002X", "138****0000"), SealedApplicant = "x", DeliveryMethod = "pickup",
        };
        var task = new ReviewTask
        {
            Id = "app-1-s1-i", ApplicationId = "app-1", Number = application.Number, Kind = ReviewTask.Review, ItemCode = "i", Department = "fire-rescue",
            StageCode = "review", Status = ReviewTaskStatus.Approved, StartedAt = Shanghai(23, 9, 0), DecidedAt = Shanghai(25, 10, 0),
            Opinion = "消防检查合格",
            History =
            [
                new TaskEvent(Shanghai(23, 9, 0), "created", "orchestration"),
                new TaskEvent(Shanghai(24, 17, 30), "warning", "timer"),
                new TaskEvent(Shanghai(25, 10, 0), "decision", "user:reviewer-1", "approve"),
            ],
        };

        var steps = CaseTimeline.Build(application, [task], Calendar);

        Assert.Equal(["submitted", "accepted", "task-assigned", "warning", "decided", "finished"], steps.Select(s => s.Step));
        var accepted = steps.Single(s => s.Step == "accepted");
        Assert.Equal("clerk", accepted.Actor);
        Assert.Equal(Math.Round(1.0 / 7, 3), accepted.WorkingDays); // Friday 16:30 to 17:30, then the weekend, Monday 09:00
        var warning = steps.Single(s => s.Step == "warning");
        Assert.Equal(2, warning.WorkingDays); // Monday 09:00 to Tuesday 17:30
        Assert.Equal("fire-rescue", warning.Department);
        var decided = steps.Single(s => s.Step == "decided");
        Assert.Equal("user:reviewer-1", decided.Actor);
        Assert.Contains("消防检查合格", decided.Detail, StringComparison.Ordinal);
        Assert.Equal(Math.Round(1.0 / 7, 3), decided.WorkingDays); // Wednesday 09:00 to 10:00
        Assert.Equal(Math.Round(2 + 1.0 / 7, 3), steps.Single(s => s.Step == "finished").WorkingDays); // since acceptance, the case's track
    }

    [Fact]
    public void A_deemed_acceptance_is_the_timer_s_doing()
    {
        var application = new ApplicationRecord
        {
            Id = "app-2", Number = "n", ItemCode = "i", ItemName = "x", Status = "accepted", OwnerHash = "h", Fingerprint = "f",
            SubmittedAt = Shanghai(16, 10, 0), AcceptedAt = Shanghai(16, 10, 0), DeemedAccepted = true,
            Applicant = new MaskedApplicant("person", "张*", "110***********002X", "138****0000"), SealedApplicant = "x", DeliveryMethod = "pickup",
        };
        var accepted = CaseTimeline.Build(application, [], Calendar).Single(s => s.Step == "accepted");
        Assert.Equal("timer", accepted.Actor);
        Assert.Contains("第三十二条", accepted.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Delivery_steps_follow_the_outcome_with_their_working_time_and_the_sms_form_their_own_track()
    {
        var application = new ApplicationRecord
        {
            Id = "app-3", Number = "n3", ItemCode = "i", ItemName = "食品经营许可", Status = "delivered", OwnerHash = "h", Fingerprint = "f",
            SubmittedAt = Shanghai(23, 9, 0), AcceptedAt = Shanghai(23, 10, 0), DecidedAt = Shanghai(24, 10, 0),
            Applicant = new MaskedApplicant("person", "张*", "110***********002X", "138****0000"), SealedApplicant = "x", DeliveryMethod = "courier",
            Delivery = new CaseDelivery
            {
                Status = DeliveryStatus.Delivered,
                Fee = new CaseFee { Amount = 35.5m, PaymentNotice = "PN-1", Status = CaseFee.Paid, AssessedAt = Shanghai(23, 10, 0), PaidAt = Shanghai(24, 11, 0), TransactionId = "T1" },
                Documents = ["341881-i-2026-000001"],
                LicencesIssuedAt = Shanghai(24, 11, 30),
                Waybill = "SF1234567890123",
                DispatchedAt = Shanghai(24, 12, 0),
                DeliveredAt = Shanghai(25, 10, 0),
                DeliveredBy = "courier",
            },
        };
        var sms = new[] { ("dispatched", Shanghai(24, 12, 1)), ("delivered", Shanghai(25, 10, 1)), ("not-an-applicant-event", Shanghai(25, 11, 0)) };

        var steps = CaseTimeline.Build(application, [], Calendar, sms);

        Assert.Equal(["submitted", "accepted", "fee-due", "finished", "fee-paid", "licence-issued", "dispatched", "sms-sent", "delivered", "sms-sent"], steps.Select(s => s.Step));
        Assert.Contains("35.50", steps.Single(s => s.Step == "fee-due").Detail, StringComparison.Ordinal);
        Assert.Contains("341881-i-2026-000001", steps.Single(s => s.Step == "licence-issued").Detail, StringComparison.Ordinal);
        Assert.Contains("SF1234567890123", steps.Single(s => s.Step == "dispatched").Detail, StringComparison.Ordinal);
        Assert.Equal(Math.Round(0.5 / 7, 3), steps.Single(s => s.Step == "licence-issued").WorkingDays); // 11:00 to 11:30
        var delivered = steps.Single(s => s.Step == "delivered");
        Assert.Equal("courier", delivered.Actor);
        Assert.Equal(Math.Round(5.0 / 7, 3), delivered.WorkingDays); // Tuesday 12:00 to 17:30 less lunch, Wednesday 09:00 to 10:00 (on the office calendar)
        Assert.Equal(0, steps.First(s => s.Step == "sms-sent").WorkingDays);
        Assert.Contains("送达", steps[^1].Detail, StringComparison.Ordinal);
    }
}
