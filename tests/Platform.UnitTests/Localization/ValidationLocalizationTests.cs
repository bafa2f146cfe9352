using FluentValidation;
using Platform.BuildingBlocks.Localization;

namespace Platform.UnitTests.Localization;

public sealed class ValidationLocalizationTests
{
    public ValidationLocalizationTests() => ValidationLocalization.UseRequestCulture();

    [Fact]
    public void Language_is_not_fixed_so_the_current_ui_culture_decides()
    {
        Assert.Null(ValidatorOptions.Global.LanguageManager.Culture);
        Assert.True(ValidatorOptions.Global.LanguageManager.Enabled);
    }

    [Fact]
    public void Built_in_messages_are_chinese_for_zh_cn_and_english_for_en_naming_the_camel_case_path()
    {
        var validator = new SampleValidator();
        var sample = new Sample("", new SampleAddress("abc"), "1");

        using (new CultureScope("zh-CN"))
        {
            var errors = validator.Validate(sample).Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);
            Assert.Equal("'name' 不能为空。", errors["Name"]);
            Assert.Equal("'address.postalCode' 的格式不正确。", errors["Address.PostalCode"]);
        }

        using (new CultureScope("en-US"))
        {
            var errors = validator.Validate(sample).Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);
            Assert.Equal("'name' must not be empty.", errors["Name"]);
            Assert.Equal("'address.postalCode' is not in the correct format.", errors["Address.PostalCode"]);
        }
    }

    [Fact]
    public void Localized_with_message_and_with_name_are_picked_when_the_rule_fails()
    {
        SampleValidator validator;
        using (new CultureScope("en"))
        {
            validator = new SampleValidator();
        }

        var sample = new Sample("probe", null, "1");
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("“统一编码”须为六位数字。", Assert.Single(validator.Validate(sample).Errors).ErrorMessage);
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("'unified code' must be six digits.", Assert.Single(validator.Validate(sample).Errors).ErrorMessage);
        }
    }

    [Fact]
    public void Display_names_are_camel_case_member_paths()
    {
        System.Linq.Expressions.Expression<Func<Sample, string?>> nested = s => s.Address!.PostalCode;
        System.Linq.Expressions.Expression<Func<Sample, string>> direct = s => s.Name;
        System.Linq.Expressions.Expression<Func<Sample, Sample>> self = s => s;

        Assert.Equal("address.postalCode", ValidationLocalization.CamelCasePath(typeof(Sample), typeof(SampleAddress).GetProperty("PostalCode"), nested));
        Assert.Equal("name", ValidationLocalization.CamelCasePath(typeof(Sample), typeof(Sample).GetProperty("Name"), direct));
        Assert.Null(ValidationLocalization.CamelCasePath(typeof(Sample), null, self));
    }

    internal sealed record SampleAddress(string? PostalCode);

    internal sealed record Sample(string Name, SampleAddress? Address, string Code);

    private sealed class SampleValidator : AbstractValidator<Sample>
    {
        public SampleValidator()
        {
            RuleFor(s => s.Name).NotEmpty();
            RuleFor(s => s.Address!.PostalCode).Matches("^[0-9]{6}$").When(s => s.Address is not null);
            RuleFor(s => s.Code).Matches("^[0-9]{6}$")
                .WithName(new LocalizedText("统一编码", "unified code"))
                .WithMessage(new LocalizedText("“{PropertyName}”须为六位数字。", "'{PropertyName}' must be six digits."));
        }
    }
}
