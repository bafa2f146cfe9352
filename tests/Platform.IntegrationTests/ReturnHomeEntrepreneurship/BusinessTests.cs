using System.Net;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Kit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.EntrepreneurshipTestKit;

namespace Platform.IntegrationTests.ReturnHomeEntrepreneurship;

/// <summary>
/// Businesses: registration (a checked, unique credit code; BusinessRegistered in the outbox), the real-name
/// employee list and the jobs created (insured employees; JobsCreated when the count moves), yearly revenue
/// (once per year, only a year that is over), and closing a business, which ends its jobs.
/// </summary>
public sealed class BusinessTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>夹江县.</summary>
    private const string County = "511126";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_registered_business_shows_on_its_founder_and_publishes_BusinessRegistered(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber(County);
        var founder = Kit.Id(await Kit.RegisterFounderAsync(op, County, idNumber, "CollegeGraduate"));
        var code = Kit.NewCreditCode(County);
        var registeredOn = Kit.ChinaToday.AddDays(-20);

        using var created = await Kit.PostAsync(op, "/businesses", Kit.BusinessBody(founder, County, code.ToLowerInvariant(), registeredOn, "Cooperative"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answer = await HttpAssert.ReadJsonAsync(created);
        var business = answer.GetProperty("business");
        var id = Kit.Id(business);
        Assert.Equal($"/api/return-home-entrepreneurship/businesses/{id}", created.Headers.Location?.ToString());
        Assert.Equal(code, Kit.Text(business, "creditCode"));
        Assert.Equal(founder, business.GetProperty("entrepreneurId").GetGuid());
        Assert.Equal(("Operating", "Cooperative", 0), (Kit.Text(business, "status"), Kit.Text(business, "legalForm"), business.GetProperty("jobsCreated").GetInt32()));
        Assert.Equal(Kit.Day(registeredOn), Kit.Text(business, "registeredOn"));
        Assert.Equal(0, answer.GetProperty("employees").GetInt32());

        var onFounder = Assert.Single((await Kit.GetOkAsync(op, $"/entrepreneurs/{founder}")).GetProperty("businesses").EnumerateArray());
        Assert.Equal(id, Kit.Id(onFounder));
        var found = Assert.Single((await Kit.PostOkAsync(op, "/businesses/search", new { entrepreneurId = founder })).GetProperty("items").EnumerateArray());
        Assert.Equal(code, Kit.Text(found, "creditCode"));

        var published = Assert.Single(await Kit.OutboxAsync(host, BusinessRegistered.Name, id));
        Assert.Equal(founder, published.GetProperty("entrepreneurId").GetGuid());
        Assert.Equal(await Kit.BlindIndexAsync(host, idNumber), Kit.Text(published, "founderBlindIndex"));
        Assert.Equal("CollegeGraduate", Kit.Text(published, "founderCategory"));
        Assert.Equal(code, Kit.Text(published, "creditCode"));
        Assert.Equal("Agriculture", Kit.Text(published, "industry"));
        Assert.Equal(County, Kit.Text(published, "regionCode"));
        Assert.Equal(Kit.Day(registeredOn), Kit.Text(published, "registeredOn"));
        Assert.DoesNotContain(idNumber, published.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_credit_code_is_registered_once_and_a_bad_one_is_a_400(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "rhe-cq-officer");
        var founder = await Kit.FounderIdAsync(op, County);
        var cqFounder = await Kit.FounderIdAsync(chongqing, "500156");
        var code = Kit.NewCreditCode(County);
        await Kit.RegisterBusinessAsync(op, founder, County, creditCode: code);

        using var again = await Kit.PostAsync(op, "/businesses", Kit.BusinessBody(founder, County, code.ToLowerInvariant()));
        using var elsewhere = await Kit.PostAsync(chongqing, "/businesses", Kit.BusinessBody(cqFounder, "500156", code));
        using var badCheck = await Kit.PostAsync(op, "/businesses", Kit.BusinessBody(founder, County, Kit.WithWrongCheck(Kit.NewCreditCode(County))));
        using var future = await Kit.PostAsync(op, "/businesses", Kit.BusinessBody(founder, County, registeredOn: Kit.ChinaToday.AddDays(1)));
        using var outside = await Kit.PostAsync(op, "/businesses", Kit.BusinessBody(founder, "500156"));

        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "entrepreneurship.business_exists");
        await HttpAssert.ProblemAsync(elsewhere, HttpStatusCode.Conflict, "entrepreneurship.business_exists");
        Assert.Equal(["creditCode"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(badCheck, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["registeredOn"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(future, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        await HttpAssert.ProblemAsync(outside, HttpStatusCode.Forbidden, "entrepreneurship.region_outside_caller");
        Assert.Single((await Kit.GetOkAsync(op, $"/entrepreneurs/{founder}")).GetProperty("businesses").EnumerateArray());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_insured_employee_is_a_job_created_an_uninsured_one_is_not_and_leaving_takes_it_back(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var founder = await Kit.FounderIdAsync(op, County);
        var business = await Kit.BusinessIdAsync(op, founder, County, Kit.ChinaToday.AddMonths(-6));
        var startedOn = Kit.ChinaToday.AddMonths(-2);
        var insuredId = Kit.NewIdNumber(County, age: 24);

        var insured = await Kit.PostCreatedAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(insuredId, startedOn));

        Assert.Equal(Kit.Masked(insuredId), Kit.Text(insured, "identityNumber"));
        Assert.True(insured.GetProperty("isJobCreated").GetBoolean());
        var list = await Kit.GetOkAsync(op, $"/businesses/{business}/employees");
        Assert.Equal(1, list.GetProperty("jobsCreated").GetInt32());
        Assert.Equal(1, (await Kit.GetOkAsync(op, $"/businesses/{business}")).GetProperty("business").GetProperty("jobsCreated").GetInt32());
        var created = Assert.Single(await Kit.OutboxAsync(host, JobsCreated.Name, business));
        Assert.Equal((1, 1, Kit.Day(startedOn)), (created.GetProperty("change").GetInt32(), created.GetProperty("jobsNow").GetInt32(), Kit.Text(created, "onDay")));

        // An uninsured employee is on the list but creates no job and publishes nothing.
        var uninsured = await Kit.PostCreatedAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(Kit.NewIdNumber(County, age: 40), startedOn, insured: false, name: "刘临时"));
        Assert.False(uninsured.GetProperty("isJobCreated").GetBoolean());
        list = await Kit.GetOkAsync(op, $"/businesses/{business}/employees");
        Assert.Equal(1, list.GetProperty("jobsCreated").GetInt32());
        Assert.Equal(2, list.GetProperty("employees").GetArrayLength());
        Assert.Single(await Kit.OutboxAsync(host, JobsCreated.Name, business));

        // The same person while still on the list: 409; starting before the business existed: 400.
        using var duplicate = await Kit.PostAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(insuredId, Kit.ChinaToday));
        using var tooEarly = await Kit.PostAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(Kit.NewIdNumber(County), Kit.ChinaToday.AddMonths(-7)));
        using var future = await Kit.PostAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(Kit.NewIdNumber(County), Kit.ChinaToday.AddDays(1)));
        await HttpAssert.ProblemAsync(duplicate, HttpStatusCode.Conflict, "entrepreneurship.employee_exists");
        Assert.Equal(["startedOn"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(tooEarly, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["startedOn"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(future, HttpStatusCode.BadRequest, Kit.ValidationFailed)));

        // The insured employee left yesterday: the job is gone and a −1 is published.
        using (var left = await Kit.SendAsync(op, HttpMethod.Put, $"/businesses/{business}/employees/{Kit.Id(insured)}", new { socialInsurance = true, endedOn = Kit.ChinaToday.AddDays(-1) }))
        {
            var ended = await HttpAssert.ReadOkJsonAsync(left);
            Assert.False(ended.GetProperty("isJobCreated").GetBoolean());
            Assert.Equal(Kit.Day(Kit.ChinaToday.AddDays(-1)), Kit.Text(ended, "endedOn"));
        }

        Assert.Equal(0, (await Kit.GetOkAsync(op, $"/businesses/{business}/employees")).GetProperty("jobsCreated").GetInt32());
        var events = await Kit.OutboxAsync(host, JobsCreated.Name, business);
        Assert.Equal([(1, 1), (-1, 0)], events.Select(e => (e.GetProperty("change").GetInt32(), e.GetProperty("jobsNow").GetInt32())));
        Assert.Equal(Kit.Day(Kit.ChinaToday.AddDays(-1)), Kit.Text(events[1], "onDay"));

        // Leaving before starting, or in the future, is refused.
        var other = Kit.Id(await Kit.PostCreatedAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(Kit.NewIdNumber(County), startedOn, name: "周员工")));
        using (var beforeStart = await Kit.SendAsync(op, HttpMethod.Put, $"/businesses/{business}/employees/{other}", new { socialInsurance = true, endedOn = startedOn.AddDays(-1) }))
        {
            Assert.Equal(["endedOn"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(beforeStart, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        }

        using (var futureEnd = await Kit.SendAsync(op, HttpMethod.Put, $"/businesses/{business}/employees/{other}", new { socialInsurance = true, endedOn = Kit.ChinaToday.AddDays(1) }))
        {
            Assert.Equal(["endedOn"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(futureEnd, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        }

        using (var ended = await Kit.SendAsync(op, HttpMethod.Put, $"/businesses/{business}/employees/{other}", new { socialInsurance = true, endedOn = Kit.ChinaToday.AddDays(-1) }))
        {
            await HttpAssert.ReadOkJsonAsync(ended);
        }

        // Once left, the record no longer changes; the person may be hired again.
        using var changeAfter = await Kit.SendAsync(op, HttpMethod.Put, $"/businesses/{business}/employees/{Kit.Id(insured)}", new { socialInsurance = false });
        await HttpAssert.ProblemAsync(changeAfter, HttpStatusCode.Conflict, "entrepreneurship.employee_exists");
        var rehired = await Kit.PostCreatedAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(insuredId, Kit.ChinaToday));
        Assert.True(rehired.GetProperty("isJobCreated").GetBoolean());
        Assert.Equal(1, (await Kit.GetOkAsync(op, $"/businesses/{business}/employees")).GetProperty("jobsCreated").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Insuring_an_employee_later_creates_the_job_and_stopping_the_insurance_ends_it(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var founder = await Kit.FounderIdAsync(op, County);
        var business = await Kit.BusinessIdAsync(op, founder, County);
        var employee = Kit.Id(await Kit.PostCreatedAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(Kit.NewIdNumber(County), Kit.ChinaToday.AddDays(-30), insured: false)));

        using (var insure = await Kit.SendAsync(op, HttpMethod.Put, $"/businesses/{business}/employees/{employee}", new { socialInsurance = true }))
        {
            Assert.True((await HttpAssert.ReadOkJsonAsync(insure)).GetProperty("isJobCreated").GetBoolean());
        }

        Assert.Equal(1, (await Kit.GetOkAsync(op, $"/businesses/{business}/employees")).GetProperty("jobsCreated").GetInt32());

        using (var stop = await Kit.SendAsync(op, HttpMethod.Put, $"/businesses/{business}/employees/{employee}", new { socialInsurance = false }))
        {
            Assert.False((await HttpAssert.ReadOkJsonAsync(stop)).GetProperty("isJobCreated").GetBoolean());
        }

        Assert.Equal(0, (await Kit.GetOkAsync(op, $"/businesses/{business}/employees")).GetProperty("jobsCreated").GetInt32());
        Assert.Equal([1, -1], (await Kit.OutboxAsync(host, JobsCreated.Name, business)).Select(e => e.GetProperty("change").GetInt32()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Revenue_is_reported_once_for_a_year_that_is_over(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var founder = await Kit.FounderIdAsync(op, County);
        var registeredOn = new DateOnly(Kit.ChinaToday.Year - 2, 3, 15);
        var business = await Kit.BusinessIdAsync(op, founder, County, registeredOn);
        var lastYear = Kit.ChinaToday.Year - 1;

        var reported = await Kit.PostCreatedAsync(op, $"/businesses/{business}/revenue", new { year = lastYear, revenue = 1_234_567.89m, employeesAtYearEnd = 6 });
        await Kit.PostCreatedAsync(op, $"/businesses/{business}/revenue", new { year = lastYear - 1, revenue = 300_000m, employeesAtYearEnd = 2 });

        Assert.Equal(1_234_567.89m, Kit.Money(reported, "revenue"));
        using var again = await Kit.PostAsync(op, $"/businesses/{business}/revenue", new { year = lastYear, revenue = 1m, employeesAtYearEnd = 1 });
        using var current = await Kit.PostAsync(op, $"/businesses/{business}/revenue", new { year = Kit.ChinaToday.Year, revenue = 1m, employeesAtYearEnd = 1 });
        using var beforeRegistration = await Kit.PostAsync(op, $"/businesses/{business}/revenue", new { year = registeredOn.Year - 1, revenue = 1m, employeesAtYearEnd = 1 });
        using var negative = await Kit.PostAsync(op, $"/businesses/{business}/revenue", new { year = lastYear, revenue = -1m, employeesAtYearEnd = 1 });
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "entrepreneurship.revenue_already_reported");
        Assert.Equal(["year"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(current, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["year"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(beforeRegistration, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["revenue"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(negative, HttpStatusCode.BadRequest, Kit.ValidationFailed)));

        var read = await Kit.GetOkAsync(op, $"/businesses/{business}");
        Assert.Equal([(lastYear - 1, 300_000m, 2), (lastYear, 1_234_567.89m, 6)],
            read.GetProperty("revenue").EnumerateArray().Select(r => (r.GetProperty("year").GetInt32(), Kit.Money(r, "revenue"), r.GetProperty("employeesAtYearEnd").GetInt32())));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Closing_a_business_ends_its_jobs_and_refuses_new_employees(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var founder = await Kit.FounderIdAsync(op, County);
        var business = await Kit.BusinessIdAsync(op, founder, County, Kit.ChinaToday.AddMonths(-8));
        await Kit.PostCreatedAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(Kit.NewIdNumber(County), Kit.ChinaToday.AddMonths(-3)));
        await Kit.PostCreatedAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(Kit.NewIdNumber(County), Kit.ChinaToday.AddMonths(-2)));
        using var read = await Kit.GetAsync(op, $"/businesses/{business}");
        var etag = read.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag.");
        var closedOn = Kit.ChinaToday.AddDays(-1);

        using var stale = await Kit.PostAsync(op, $"/businesses/{business}/close", new { closedOn }, "\"1\"");
        using var beforeRegistration = await Kit.PostAsync(op, $"/businesses/{business}/close", new { closedOn = Kit.ChinaToday.AddMonths(-9) }, etag);
        var closed = await Kit.PostOkAsync(op, $"/businesses/{business}/close", new { closedOn });

        await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, Kit.PreconditionFailed);
        Assert.Equal(["closedOn"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(beforeRegistration, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal("Closed", Kit.Text(closed.GetProperty("business"), "status"));
        Assert.Equal(Kit.Day(closedOn), Kit.Text(closed, "closedOn"));
        Assert.Equal(0, closed.GetProperty("business").GetProperty("jobsCreated").GetInt32());
        var list = await Kit.GetOkAsync(op, $"/businesses/{business}/employees");
        Assert.All(list.GetProperty("employees").EnumerateArray(), e => Assert.Equal(Kit.Day(closedOn), Kit.Text(e, "endedOn")));
        Assert.Equal(0, list.GetProperty("jobsCreated").GetInt32());
        var last = (await Kit.OutboxAsync(host, JobsCreated.Name, business))[^1];
        Assert.Equal((-2, 0), (last.GetProperty("change").GetInt32(), last.GetProperty("jobsNow").GetInt32()));

        await Kit.PostProblemAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(Kit.NewIdNumber(County), Kit.ChinaToday), HttpStatusCode.Conflict, "entrepreneurship.business_closed");
        await Kit.PostProblemAsync(op, $"/businesses/{business}/close", new { closedOn = Kit.ChinaToday }, HttpStatusCode.Conflict, "entrepreneurship.business_closed");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_business_closed_today_has_no_jobs_created_any_more(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var founder = await Kit.FounderIdAsync(op, County);
        var business = await Kit.BusinessIdAsync(op, founder, County, Kit.ChinaToday.AddMonths(-8));
        await Kit.PostCreatedAsync(op, $"/businesses/{business}/employees", Kit.EmployeeBody(Kit.NewIdNumber(County), Kit.ChinaToday.AddMonths(-3)));

        var closed = await Kit.PostOkAsync(op, $"/businesses/{business}/close", new { closedOn = Kit.ChinaToday });

        Assert.Equal("Closed", Kit.Text(closed.GetProperty("business"), "status"));
        Assert.Equal(0, closed.GetProperty("business").GetProperty("jobsCreated").GetInt32());
        Assert.Equal(0, (await Kit.GetOkAsync(op, $"/businesses/{business}/employees")).GetProperty("jobsCreated").GetInt32());
        var events = await Kit.OutboxAsync(host, JobsCreated.Name, business);
        Assert.Equal([(1, 1), (-1, 0)], events.Select(e => (e.GetProperty("change").GetInt32(), e.GetProperty("jobsNow").GetInt32())));
    }
}
