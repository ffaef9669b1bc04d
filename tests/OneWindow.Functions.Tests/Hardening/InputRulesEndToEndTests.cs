using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace OneWindow.Functions.Tests.Hardening;

/// <summary>Issue 15 findings 3, 5 and 6 through the real host: phones, names and file names, admin input.</summary>
[Collection(HardeningCollection.Name)]
public sealed class InputRulesEndToEndTests(HardeningFixture fixture)
{
    private static JsonObject Submission(string name, string phone) => new()
    {
        ["itemCode"] = HardeningFixture.Item,
        ["applicant"] = new JsonObject { ["kind"] = "person", ["name"] = name, ["idNumber"] = "11010519491231002X", ["phone"] = phone },
        ["materials"] = new JsonArray(),
        ["delivery"] = new JsonObject { ["method"] = "pickup" },
    };

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.True(problem["errors"]?[field] is JsonArray, $"No error for {field}: {text}");
        return problem;
    }

    private async Task<HttpResponseMessage> SubmitAsync(JsonObject body)
    {
        using var applicant = await fixture.ClientAsync("applicant");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/applications") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await applicant.SendAsync(request);
    }

    [Theory]
    [InlineData("１３８００１３８０００")]
    [InlineData("138００138000")]
    public async Task A_phone_in_full_width_digits_is_refused_with_a_clear_message(string phone)
    {
        using var response = await SubmitAsync(Submission("张三", phone));
        var problem = await ProblemAsync(response, "applicant.phone");
        Assert.Contains("ASCII digits", problem["errors"]!["applicant.phone"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("张三\u202E")]
    [InlineData("张\u0000三")]
    public async Task Names_with_invisible_or_reordering_characters_are_refused(string name)
    {
        using var response = await SubmitAsync(Submission(name, "13800138000"));
        await ProblemAsync(response, "applicant.name");
    }

    [Theory]
    [InlineData("\u202Efdp.exe")]
    [InlineData("a\u0000.pdf")]
    [InlineData("\u200B")]
    public async Task Upload_file_names_with_invisible_or_reordering_characters_are_refused(string fileName)
    {
        var before = await fixture.SnapshotAsync();
        using var applicant = await fixture.ClientAsync("applicant");
        using var response = await applicant.PostAsJsonAsync("api/uploads", new { fileName, contentType = "application/pdf", size = 10, sha256 = new string('a', 64) });
        await ProblemAsync(response, "fileName");
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    private static JsonObject Department(string code, string name) => new()
    {
        ["code"] = code, ["name"] = name, ["chiefRepresentative"] = "张主任", ["chiefPhone"] = "0571-6100000", ["hasOwnSystem"] = false,
    };

    [Fact]
    public async Task A_department_name_of_a_megabyte_is_refused_and_not_stored()
    {
        using var admin = await fixture.ClientAsync("admin");
        var code = "big-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await admin.PutAsJsonAsync($"api/admin/departments/{code}", Department(code, new string('x', 1_000_000)));
        await ProblemAsync(response, "name");
        using var bounded = await admin.PutAsJsonAsync($"api/admin/departments/{code}", Department(code, new string('部', 201)));
        await ProblemAsync(bounded, "name");
        using var zeroWidth = await admin.PutAsJsonAsync($"api/admin/departments/{code}", Department(code, "\u200B"));
        await ProblemAsync(zeroWidth, "name");
        var list = await admin.GetFromJsonAsync<JsonArray>("api/admin/departments");
        Assert.DoesNotContain(list!, d => (string?)d!["code"] == code);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_calendar_put_is_refused_and_not_stored()
    {
        using var admin = await fixture.ClientAsync("admin");
        var body = "{\"year\":2033,\"holidays\":[{\"name\":\"元旦"u8.ToArray().Concat(new byte[] { 0xC0, 0xAF }).Concat("\",\"days\":[\"2033-01-01\"]}],\"adjustedWorkingDays\":[]}"u8.ToArray()).ToArray();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await admin.PutAsync("api/admin/calendar/2033", content);
        await ProblemAsync(response, "holidays[0].name");
        var year = await admin.GetFromJsonAsync<JsonObject>("api/admin/calendar/2033");
        Assert.True((bool)year!["provisional"]!, year.ToJsonString());
    }

    [Fact]
    public async Task Admin_problems_do_not_quote_the_json_parser()
    {
        using var admin = await fixture.ClientAsync("admin");
        var code = "msg-" + Guid.NewGuid().ToString("N")[..8];
        var wrongType = Department(code, "部门");
        wrongType["hasOwnSystem"] = "yes";
        using var typed = await admin.PutAsJsonAsync($"api/admin/departments/{code}", wrongType);
        var problem = await ProblemAsync(typed, "hasOwnSystem");
        using var broken = await admin.PutAsync($"api/admin/departments/{code}", new StringContent("{\"name\": tru", Encoding.UTF8, "application/json"));
        var malformed = await ProblemAsync(broken, "body");
        foreach (var text in new[] { problem.ToJsonString(), malformed.ToJsonString() })
        {
            foreach (var internals in new[] { "System.", "could not be converted", "Path:", "LineNumber", "BytePositionInLine", "'t' is an invalid", "expected" })
                Assert.DoesNotContain(internals, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task An_unchanged_calendar_put_stores_nothing()
    {
        using var admin = await fixture.ClientAsync("admin");
        var body = new { year = 2034, holidays = new[] { new { name = "元旦", days = new[] { "2034-01-01" } } }, adjustedWorkingDays = Array.Empty<string>() };
        using (var first = await admin.PutAsJsonAsync("api/admin/calendar/2034", body)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = await fixture.SnapshotAsync();
        using (var again = await admin.PutAsJsonAsync("api/admin/calendar/2034", body)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    [Fact]
    public async Task An_unchanged_admin_put_keeps_its_version()
    {
        using var admin = await fixture.ClientAsync("admin");
        var code = "same-" + Guid.NewGuid().ToString("N")[..8];
        async Task<int> PutAsync(string path, JsonObject body)
        {
            using var response = await admin.PutAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            return (int)JsonNode.Parse(text)!["version"]!;
        }

        var department = await PutAsync($"api/admin/departments/{code}", Department(code, "部门"));
        Assert.Equal(department, await PutAsync($"api/admin/departments/{code}", Department(code, "部门")));
        Assert.Equal(department + 1, await PutAsync($"api/admin/departments/{code}", Department(code, "部门二")));

        var item = await admin.GetFromJsonAsync<JsonObject>("api/admin/items/" + HardeningFixture.Item);
        item!.Remove("version");
        var version = (await admin.GetFromJsonAsync<JsonObject>("api/admin/items/" + HardeningFixture.Item))!["version"]!.GetValue<int>();
        Assert.Equal(version, await PutAsync("api/admin/items/" + HardeningFixture.Item, item));
    }
}
