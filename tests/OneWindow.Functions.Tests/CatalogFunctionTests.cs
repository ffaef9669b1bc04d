using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OneWindow.Data.Calendar;
using OneWindow.Data.Catalog;
using OneWindow.Domain.Catalog;
using OneWindow.Functions.Administration;
using OneWindow.Functions.Catalog;
using OneWindow.Testing;
using Xunit;

namespace OneWindow.Functions.Tests;

/// <summary>
/// The catalog and admin function classes called directly with real HTTP request objects, on a seeded
/// catalog in the real Cosmos server (one database per test class). The routes, auth and host wiring are
/// covered by CatalogEndToEndTests.
/// </summary>
public class CatalogFunctionTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private CosmosCatalogStore store = null!;
    private CosmosCalendarStore calendar = null!;

    public async Task InitializeAsync()
    {
        var stack = await LocalStack.SharedAsync();
        var database = (await stack.Cosmos.CreateClient().CreateDatabaseIfNotExistsAsync(LocalStack.UniqueName("catalogfn"))).Database;
        var container = (await database.CreateContainerIfNotExistsAsync("catalog", CosmosCatalogStore.PartitionKeyPath)).Container;
        store = new CosmosCatalogStore(container);
        calendar = new CosmosCalendarStore(container);
        await new CatalogSeeder(store).SeedAsync(DemoCounty.Create(new Uri("http://127.0.0.1:7072")));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static HttpRequest Request(string? body = null, string query = "")
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.QueryString = new QueryString(query);
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? ""));
        context.Request.ContentType = "application/json";
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    private static async Task<(int Status, string? ContentType, JsonElement Json)> RunAsync(HttpRequest request, IResult result)
    {
        await result.ExecuteAsync(request.HttpContext);
        var response = request.HttpContext.Response;
        response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(response.Body);
        return (response.StatusCode, response.ContentType, document.RootElement.Clone());
    }

    private CatalogFunctions Catalog => new(store);

    private AdminCatalogFunctions Admin => new(store, NullLogger<AdminCatalogFunctions>.Instance);

    [Fact]
    public async Task Item_list_has_the_contract_fields()
    {
        var request = Request();
        var (status, _, json) = await RunAsync(request, await Catalog.ListItemsAsync(request, default));
        Assert.Equal(200, status);
        Assert.True(json.GetArrayLength() >= 25);
        var fast = json.EnumerateArray().Single(i => i.GetProperty("code").GetString() == DemoCounty.FastDemoItem);
        Assert.Equal("PT3M", fast.GetProperty("deadline").GetProperty("duration").GetString());
        Assert.False(fast.GetProperty("deadline").TryGetProperty("workingDays", out _));
        var food = json.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "food-business-licence");
        Assert.Equal(5, food.GetProperty("deadline").GetProperty("workingDays").GetInt32());
        Assert.Equal(20, food.GetProperty("legalDeadline").GetProperty("workingDays").GetInt32());
        Assert.Equal("administrative-licence", food.GetProperty("kind").GetString());
        Assert.Equal("market-regulation", food.GetProperty("department").GetString());
        var material = food.GetProperty("materials")[0];
        foreach (var field in new[] { "code", "name", "required", "deferrable" }) Assert.True(material.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Guide_with_answers_in_the_query_returns_the_exact_materials()
    {
        var request = Request(query: "?answers[cold-food]=是&answers[online]=否");
        var (status, _, json) = await RunAsync(request, await Catalog.GetItemAsync(request, "food-business-licence", default));
        Assert.Equal(200, status);
        var selected = json.GetProperty("selectedMaterials").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ToArray();
        Assert.Contains("cold-food-process", selected);
        Assert.DoesNotContain("online-sales", selected);
        Assert.Equal(2, json.GetProperty("questions").GetArrayLength());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("县市场监督管理局", json.GetProperty("departmentName").GetString());
    }

    [Fact]
    public async Task Material_list_rejects_an_unknown_option_naming_the_field()
    {
        var request = Request("""{"answers":{"online":"也许"}}""");
        var (status, contentType, json) = await RunAsync(request, await Catalog.MaterialListAsync(request, "food-business-licence", default));
        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.True(json.GetProperty("errors").TryGetProperty("answers.online", out _));

        var ok = Request("""{"answers":{"online":"是"}}""");
        var (okStatus, _, okJson) = await RunAsync(ok, await Catalog.MaterialListAsync(ok, "food-business-licence", default));
        Assert.Equal(200, okStatus);
        Assert.Contains("online-sales", okJson.GetProperty("materials").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Unknown_item_is_404_problem()
    {
        var request = Request();
        var (status, contentType, _) = await RunAsync(request, await Catalog.GetItemAsync(request, "no-such-item", default));
        Assert.Equal(404, status);
        Assert.Equal("application/problem+json", contentType);
    }

    [Fact]
    public async Task Packages_list_stages_with_lead_departments()
    {
        var request = Request();
        var (_, _, json) = await RunAsync(request, await Catalog.ListPackagesAsync(request, default));
        Assert.True(json.GetArrayLength() >= 5);
        var restaurant = json.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "open-restaurant");
        Assert.Equal("我要开餐馆", restaurant.GetProperty("name").GetString());
        var stage = Assert.Single(restaurant.GetProperty("stages").EnumerateArray());
        Assert.Equal("market-regulation", stage.GetProperty("leadDepartment").GetString());
        Assert.Equal(3, stage.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Package_plan_lists_materials_once_and_the_expected_days()
    {
        var request = Request();
        var (status, _, json) = await RunAsync(request, await Catalog.GetPackagePlanAsync(request, "investment-project", default));
        Assert.Equal(200, status);
        Assert.Equal(40, json.GetProperty("expectedWorkingDays").GetInt32());
        Assert.Equal(45, json.GetProperty("legalDeadline").GetProperty("workingDays").GetInt32());
        Assert.Single(json.GetProperty("materials").EnumerateArray(), m => m.GetProperty("code").GetString() == "project-filing");
    }

    [Fact]
    public async Task Admin_put_with_promised_over_legal_is_400_and_stores_nothing()
    {
        var before = await store.GetItemAsync("construction-permit");
        var body = JsonSerializer.Serialize(before! with { Deadline = new(WorkingDays: 30) }, Json);
        var request = Request(body);
        var (status, _, json) = await RunAsync(request, await Admin.PutItemAsync(request, "construction-permit", default));
        Assert.Equal(400, status);
        Assert.True(json.GetProperty("errors").TryGetProperty("deadline", out _));
        Assert.Equal(before!.Version, (await store.GetItemAsync("construction-permit"))!.Version);
    }

    [Fact]
    public async Task Admin_put_with_unknown_department_or_cyclic_flow_is_400()
    {
        var item = await store.GetItemAsync("residence-permit");
        var request = Request(JsonSerializer.Serialize(item! with { Department = "nowhere" }, Json));
        var (status, _, json) = await RunAsync(request, await Admin.PutItemAsync(request, "residence-permit", default));
        Assert.Equal(400, status);
        Assert.True(json.GetProperty("errors").TryGetProperty("department", out _));

        const string cyclic = """{"name":"循环","stages":[{"code":"a","name":"A","leadDepartment":"market-regulation","items":["residence-permit"],"after":["b"]},{"code":"b","name":"B","leadDepartment":"market-regulation","items":["tax-registration"],"after":["a"]}]}""";
        var packageRequest = Request(cyclic);
        var (packageStatus, _, packageJson) = await RunAsync(packageRequest, await Admin.PutPackageAsync(packageRequest, "cyclic", default));
        Assert.Equal(400, packageStatus);
        Assert.True(packageJson.GetProperty("errors").TryGetProperty("stages", out _));
        Assert.Null(await store.GetPackageAsync("cyclic"));

        var malformed = Request("""{"name": 5}""");
        var (malformedStatus, _, _) = await RunAsync(malformed, await Admin.PutPackageAsync(malformed, "cyclic", default));
        Assert.Equal(400, malformedStatus);
    }

    [Fact]
    public async Task Admin_put_makes_a_new_version_and_the_old_one_stays()
    {
        var item = await store.GetItemAsync("road-freight-licence");
        var request = Request(JsonSerializer.Serialize(item! with { Deadline = new(WorkingDays: 4) }, Json));
        var (status, _, json) = await RunAsync(request, await Admin.PutItemAsync(request, "road-freight-licence", default));
        Assert.Equal(200, status);
        Assert.Equal(item!.Version + 1, json.GetProperty("version").GetInt32());
        Assert.Equal(5, (await store.GetItemAsync("road-freight-licence", item.Version))!.Deadline.WorkingDays);
        Assert.Equal(4, (await store.GetItemAsync("road-freight-licence"))!.Deadline.WorkingDays);
    }

    [Fact]
    public async Task Admin_calendar_year_is_validated_then_loaded()
    {
        var loaded = new RecordingYearHandler();
        var functions = new AdminCalendarFunctions(calendar, [loaded], TimeProvider.System, NullLogger<AdminCalendarFunctions>.Instance);
        var get = Request();
        var (_, _, fallback) = await RunAsync(get, await functions.GetYearAsync(get, "2027", default));
        Assert.True(fallback.GetProperty("provisional").GetBoolean());

        var bad = Request("""{"holidays":[{"name":"元旦","days":["2027-01-01"]}],"adjustedWorkingDays":["2027-01-05"]}""");
        var (badStatus, _, badJson) = await RunAsync(bad, await functions.PutYearAsync(bad, "2027", default));
        Assert.Equal(400, badStatus);
        Assert.True(badJson.GetProperty("errors").TryGetProperty("adjustedWorkingDays", out _));
        Assert.Null(await calendar.GetArrangementAsync(2027));

        var good = Request("""{"holidays":[{"name":"元旦","days":["2027-01-01"]}],"adjustedWorkingDays":["2027-02-20"]}""");
        var (goodStatus, _, _) = await RunAsync(good, await functions.PutYearAsync(good, "2027", default));
        Assert.Equal(200, goodStatus);
        Assert.Contains(2027, (await calendar.GetCalendarAsync()).LoadedYears);
        Assert.Equal([2027], loaded.Years);
    }

    private sealed class RecordingYearHandler : OneWindow.Domain.Calendar.ICalendarYearLoadedHandler
    {
        public List<int> Years { get; } = [];

        public Task YearLoadedAsync(int year, OneWindow.Domain.Calendar.WorkingDayCalendar calendar, CancellationToken cancellationToken)
        {
            Assert.True(calendar.IsLoaded(year));
            Years.Add(year);
            return Task.CompletedTask;
        }
    }
}
