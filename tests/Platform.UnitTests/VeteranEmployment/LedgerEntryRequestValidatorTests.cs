using FluentValidation.Results;
using Platform.BuildingBlocks.Identity;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Features.Ledger;

namespace Platform.UnitTests.VeteranEmployment;

/// <summary>What a ledger line must hold for each status: employer details only when employed, a business only when self-employed.</summary>
public sealed class LedgerEntryRequestValidatorTests
{
    private static readonly DateOnly Day = new(2024, 3, 1);
    private static readonly string Employer = CreditCode("511102", 1);
    private static readonly string Business = CreditCode("511102", 2);

    private readonly LedgerEntryRequestValidator validator = new();

    [Fact]
    public void A_complete_employed_line_is_valid()
    {
        AssertValid(Employed());
    }

    [Fact]
    public void An_employed_line_with_only_the_employer_is_valid()
    {
        AssertValid(new LedgerEntryRequest(Day, EmploymentStatus.Employed, Employer, null, null, null, null, null, null, null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong check character")]
    [InlineData("not a credit code")]
    public void Employed_needs_a_valid_employer_code(string? code)
    {
        code = code == "wrong check character" ? WrongCheck(Employer) : code;
        AssertInvalid(Employed() with { EmployerCode = code }, nameof(LedgerEntryRequest.EmployerCode));
    }

    [Fact]
    public void The_employed_position_is_at_most_200_characters_a_postings_title()
    {
        AssertValid(Employed() with { Position = new string('岗', 200) });
        AssertInvalid(Employed() with { Position = new string('岗', 201) }, nameof(LedgerEntryRequest.Position));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(12, true)]
    [InlineData(600, true)]
    [InlineData(-1, false)]
    [InlineData(601, false)]
    public void The_contract_is_0_to_600_months(int months, bool valid)
    {
        var result = validator.Validate(Employed() with { ContractMonths = months });

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal([nameof(LedgerEntryRequest.ContractMonths)], Properties(result));
        }
    }

    [Theory]
    [InlineData(nameof(EmploymentStatus.SeekingWork))]
    [InlineData(nameof(EmploymentStatus.SelfEmployed))]
    [InlineData(nameof(EmploymentStatus.InTraining))]
    [InlineData(nameof(EmploymentStatus.InEducation))]
    [InlineData(nameof(EmploymentStatus.NotSeekingWork))]
    public void Other_statuses_refuse_employer_position_contract_and_social_insurance(string statusName)
    {
        var status = Enum.Parse<EmploymentStatus>(statusName);
        var plain = Plain(status);
        AssertValid(plain);
        AssertValid(plain with { SocialInsurance = false });

        AssertInvalid(plain with { EmployerCode = Employer }, nameof(LedgerEntryRequest.EmployerCode));
        AssertInvalid(plain with { Position = "驾驶员" }, nameof(LedgerEntryRequest.Position));
        AssertInvalid(plain with { ContractMonths = 12 }, nameof(LedgerEntryRequest.ContractMonths));
        AssertInvalid(plain with { ContractMonths = 0 }, nameof(LedgerEntryRequest.ContractMonths));
        AssertInvalid(plain with { SocialInsurance = true }, nameof(LedgerEntryRequest.SocialInsurance));
    }

    [Fact]
    public void Self_employed_needs_a_business_name_of_at_most_200_characters()
    {
        AssertInvalid(Plain(EmploymentStatus.SelfEmployed) with { BusinessName = null }, nameof(LedgerEntryRequest.BusinessName));
        AssertInvalid(Plain(EmploymentStatus.SelfEmployed) with { BusinessName = "" }, nameof(LedgerEntryRequest.BusinessName));
        AssertInvalid(Plain(EmploymentStatus.SelfEmployed) with { BusinessName = "   " }, nameof(LedgerEntryRequest.BusinessName));
        AssertInvalid(Plain(EmploymentStatus.SelfEmployed) with { BusinessName = new string('店', 201) }, nameof(LedgerEntryRequest.BusinessName));
        AssertValid(Plain(EmploymentStatus.SelfEmployed) with { BusinessName = new string('店', 200) });
    }

    [Fact]
    public void A_self_employed_business_code_is_optional_and_must_be_valid_when_given()
    {
        AssertValid(Plain(EmploymentStatus.SelfEmployed) with { BusinessCode = null });
        AssertValid(Plain(EmploymentStatus.SelfEmployed) with { BusinessCode = Business });
        AssertInvalid(Plain(EmploymentStatus.SelfEmployed) with { BusinessCode = WrongCheck(Business) }, nameof(LedgerEntryRequest.BusinessCode));
        AssertInvalid(Plain(EmploymentStatus.SelfEmployed) with { BusinessCode = "" }, nameof(LedgerEntryRequest.BusinessCode));
    }

    [Theory]
    [InlineData(nameof(EmploymentStatus.Employed))]
    [InlineData(nameof(EmploymentStatus.SeekingWork))]
    [InlineData(nameof(EmploymentStatus.InTraining))]
    public void Statuses_other_than_self_employed_refuse_a_business(string statusName)
    {
        var status = Enum.Parse<EmploymentStatus>(statusName);
        var request = status == EmploymentStatus.Employed ? Employed() : Plain(status);

        AssertInvalid(request with { BusinessName = "乐山小吃店" }, nameof(LedgerEntryRequest.BusinessName));
        AssertInvalid(request with { BusinessCode = Business }, nameof(LedgerEntryRequest.BusinessCode));
    }

    [Fact]
    public void The_note_is_at_most_500_characters()
    {
        AssertValid(Employed() with { Note = new string('注', 500) });
        AssertInvalid(Employed() with { Note = new string('注', 501) }, nameof(LedgerEntryRequest.Note));
        AssertInvalid(Plain(EmploymentStatus.SeekingWork) with { Note = new string('注', 501) }, nameof(LedgerEntryRequest.Note));
    }

    [Fact]
    public void The_effective_day_and_the_status_are_required()
    {
        AssertInvalid(Employed() with { EffectiveOn = null }, nameof(LedgerEntryRequest.EffectiveOn));
        var noStatus = validator.Validate(new LedgerEntryRequest(Day, null, null, null, null, null, null, null, null, null));
        Assert.Contains(nameof(LedgerEntryRequest.Status), Properties(noStatus));
    }

    [Theory]
    [InlineData(1949, 12, 31, false)]
    [InlineData(1950, 1, 1, true)]
    [InlineData(2099, 12, 31, true)]
    [InlineData(2100, 1, 1, false)]
    public void The_effective_day_is_between_1950_and_2099(int year, int month, int day, bool valid)
    {
        var result = validator.Validate(Plain(EmploymentStatus.SeekingWork) with { EffectiveOn = new DateOnly(year, month, day) });

        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public void An_undefined_status_is_refused()
    {
        var result = validator.Validate(Plain(EmploymentStatus.SeekingWork) with { Status = (EmploymentStatus)42 });

        Assert.Contains(nameof(LedgerEntryRequest.Status), Properties(result));
    }

    private static LedgerEntryRequest Employed() =>
        new(Day, EmploymentStatus.Employed, Employer, "驾驶员", 36, true, null, null, null, "录用");

    private static LedgerEntryRequest Plain(EmploymentStatus status) =>
        new(Day, status, null, null, null, null, status == EmploymentStatus.SelfEmployed ? "乐山小吃店" : null, null, null, null);

    private void AssertValid(LedgerEntryRequest request)
    {
        var result = validator.Validate(request);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
    }

    private void AssertInvalid(LedgerEntryRequest request, string property)
    {
        var result = validator.Validate(request);
        Assert.False(result.IsValid);
        Assert.Equal([property], Properties(result));
    }

    private static string[] Properties(ValidationResult result) => result.Errors.Select(e => e.PropertyName).Distinct().ToArray();

    private static string WrongCheck(string code) => code[..17] + (code[17] == '0' ? '1' : '0');

    private static string CreditCode(string division, int serial)
    {
        var first17 = $"91{division}MA{serial:D7}";
        return first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);
    }
}
