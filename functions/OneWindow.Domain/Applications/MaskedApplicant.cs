namespace OneWindow.Domain.Applications;

/// <summary>The display copy of the applicant block: masked so it can be shown and logged.</summary>
public sealed record MaskedApplicant(string Kind, string Name, string IdNumber, string Phone)
{
    public static MaskedApplicant Of(ApplicantDetails details) => new(
        details.Kind,
        Identity.PersonalDataMask.Name(details.Name),
        Identity.PersonalDataMask.IdNumber(details.IdNumber),
        Identity.PersonalDataMask.Phone(details.Phone));

    /// <summary>The display copy of an anonymous letter's writer: nothing known.</summary>
    public static MaskedApplicant Anonymous { get; } = new("anonymous", "匿名", "", "");
}
