using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Delivery;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Review;
using OneWindow.Hosting;
using OneWindow.Hosting.Identity;
using OneWindow.Orchestrations.Delivery;

namespace OneWindow.Functions.Delivery;

/// <summary>
/// The window clerk hands the licences over (API.md <c>POST /api/applications/{id}/pickup</c>) against the pickup code
/// the applicant received by SMS: the right code tells the case's orchestration, which makes the case <c>delivered</c>;
/// a wrong code is a 400; a case that is not ready for pickup is a 409.
/// </summary>
public sealed class PickupFunction(IApplicationStore applications, PersonalDataProtector protector, TimeProvider time)
{
    [Function("ConfirmPickup")]
    [Authorize(Roles = PlatformRoles.Clerk)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/pickup")] HttpRequest req, string id, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var code = ReviewRequests.Text((System.Text.Json.Nodes.JsonObject)body!, "pickupCode", true, 6, errors);
        if (code is not null && (code.Length != 6 || !code.All(char.IsAsciiDigit))) ReviewRequests.Add(errors, "pickupCode", "pickupCode is the 6-digit code of the applicant's SMS.");
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);

        var application = await applications.GetAsync(id, cancellationToken);
        if (application is null) return ApplicationHttp.NotFound($"No application '{id}'.");
        if (application.Delivery is not { Status: DeliveryStatus.ReadyForPickup, SealedPickupCode: { } sealedCode })
            return ApplicationHttp.Conflict($"Application {id} is not ready for pickup (delivery {application.Delivery?.Status ?? DeliveryStatus.Pending}).");
        var expected = protector.Open<string>(sealedCode, application.Id);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(code!)))
            return ApplicationHttp.Invalid("pickupCode", "The pickup code does not match the one sent to the applicant.");

        await durable.RaiseEventAsync(id, DeliveryEvents.PickupConfirmed, new DeliveryConfirmation(time.GetUtcNow(), "user:" + req.HttpContext.User.Subject()), cancellationToken);
        return Results.Json(new { id, delivery = DeliveryStatus.Delivered }, statusCode: StatusCodes.Status202Accepted);
    }
}
