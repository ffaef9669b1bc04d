namespace OneWindow.Functions.Platform;

/// <summary>
/// API.md-style text of the routes API.md does not describe (issue 17 and the task decisions they add), shown as the
/// OpenAPI operation's summary and description: the body, the answers and their status codes.
/// </summary>
public static class RouteDocumentation
{
    /// <summary>Summary, description and the status codes beyond 200, by function name.</summary>
    public static readonly IReadOnlyDictionary<string, (string Summary, string Description, IReadOnlyDictionary<string, string> Responses)> ByFunction =
        new Dictionary<string, (string, string, IReadOnlyDictionary<string, string>)>(StringComparer.Ordinal)
        {
            ["SubmitDisclosureRequest"] = (
                "Request government information (依申请公开)",
                "Header `Idempotency-Key` required. Body `{itemCode?, applicant: {kind, name, idNumber, phone}, description, purpose? (≤ 500), delivery: {form: \"electronic\"|\"paper\", address? (paper)}}` → "
                + "`202 {id, number, status: \"received\", statusUrl}`. The same key and body give the same answer; another body under the key is 409. The office accepts and routes it (intake task), "
                + "or asks once to clarify; the holding department answers within 20 working days of receipt, extendable once by 20 (`POST /api/tasks/{taskId}/extension`, chief).",
                Codes(("202", "Accepted: the request is received."), ("400", "A field is wrong (errors name it); nothing is stored."), ("409", "The Idempotency-Key was used with another body."))),
            ["GetDisclosureRequest"] = (
                "One disclosure request",
                "(its applicant, clerks, supervisors, reviewers and chiefs of its departments) → `{id, number, kind, status: received|clarification-required|in-progress|answered|delivered|withdrawn, receivedAt, dueAt, legalDueAt, "
                + "description, purpose, form, holdingDepartment, clarification: {question, askedAt, dueAt, text, answeredAt}, answer: {type: disclosed|partly-disclosed|not-disclosed|does-not-exist|refer, explanation, legalGround, referTo, department, answeredAt, file: {size, sha256, contentType, downloadUrl}}, tasks, delivery}`.",
                Codes(("404", "No such request."), ("403", "A department without a task in it."))),
            ["ClarifyDisclosureRequest"] = (
                "Clarify a disclosure request (the applicant)",
                "Body `{text}` → `202 {id, status: \"received\", receivedAt}`: the request counts as received again from now (the statutory clock restarts). "
                + "Not asked, already clarified, or after the clarification deadline (the request then counts as withdrawn) → 409.",
                Codes(("202", "Accepted."), ("400", "text missing or too long."), ("404", "Not a request of yours."), ("409", "Nothing to clarify now."))),
            ["SubmitMailboxLetter"] = (
                "Write to the government mailbox (咨询、投诉、建议)",
                "Header `Idempotency-Key` required. Body `{type: \"consultation\"|\"complaint\"|\"suggestion\", subject (≤ 100), content (≤ 4000), anonymous?: bool, applicant?: {kind, name, idNumber, phone}}`: "
                + "a signed letter needs `applicant` (the reply goes to its phone); an anonymous one must have none, and no ID or phone number in its subject or content (400). → `202 {id, number, status: \"received\", statusUrl}`. "
                + "The office hands it to a department within one working day; the department replies within the item's deadline.",
                Codes(("202", "Accepted: the letter is received."), ("400", "A field is wrong (errors name it); nothing is stored."), ("409", "The Idempotency-Key was used with another body."))),
            ["GetMailboxLetter"] = (
                "One mailbox letter",
                "→ `{id, number, kind, type, status: received|in-progress|replied|reopened|closed, submittedAt, dueAt, anonymous, applicant (masked; none when anonymous), subject, content, department, "
                + "replies: [{round, text, department, repliedAt}], ratings: [{round, score, comment, at}], ratableRound, reopened, tasks}`.",
                Codes(("404", "No such letter."), ("403", "A department without a task in it."))),
            ["RateMailboxReply"] = (
                "Rate the reply to a letter (the writer)",
                "Body `{score: 1..5, comment?}` → `201 {id, round, score, comment, at}`; counted as an evaluation of the department. A complaint whose first reply is rated 1–2 reopens once, "
                + "to the department's chief. Before the reply, after the 10-working-day rating period, or a second, different rating of the same reply → 409; the same rating repeated → 201 again.",
                Codes(("201", "Rated."), ("400", "score must be 1 to 5; comment ≤ 500."), ("404", "Not a letter of yours."), ("409", "Nothing to rate now."))),
            ["ListPublicMailboxReplies"] = (
                "Answered suggestions (public)",
                "`?year=` of the reply (this year by default) → `[{number, subject, content, reply, department, submittedAt, repliedAt}]`, newest first, with ID and phone numbers masked and no writer.",
                Codes(("400", "year must be 2000 to 2100."))),
            ["DecideTask"] = (
                "Decide a task (reviewer or chief of its department)",
                "Body `{decision, opinion, ...}`. Review and consolidation tasks: `approve`, `reject`, `request-correction` (with `items`, `supplyWorkingDays?`). "
                + "Intake tasks of disclosure requests and letters: `hand-over` (with `department`), or once for a request `clarify` (opinion = the question, `supplyWorkingDays?`, default 15). "
                + "Handling tasks of requests: `disclosed` / `partly-disclosed` (with `fileUploadId`, an upload of the decider; `legalGround` too for partly), `not-disclosed` (with `legalGround`), `does-not-exist`, `refer` (with `referTo`); "
                + "of letters: `reply`. The opinion is the text people read. A decision the task does not take → 400; a reopened complaint's task by someone other than a chief → 403; a closed task → 409.",
                Codes(("202", "Accepted: the decision is recorded and raised."), ("400", "The decision or a field is wrong."), ("403", "Another department's task, or a chief's task."), ("404", "No such task."), ("409", "The task is closed."))),
        };

    private static IReadOnlyDictionary<string, string> Codes(params (string Code, string Text)[] codes) => codes.ToDictionary(c => c.Code, c => c.Text, StringComparer.Ordinal);
}
