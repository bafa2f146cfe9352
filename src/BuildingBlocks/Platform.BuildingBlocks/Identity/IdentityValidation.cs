using FluentValidation;
using Platform.BuildingBlocks.Localization;

namespace Platform.BuildingBlocks.Identity;

/// <summary>
/// FluentValidation rules for the shared identity formats, with messages that say what is wrong (never
/// echoing the value: an identity number must not travel into logs through an error message).
/// </summary>
public static class IdentityValidation
{
    /// <summary>A valid GB 11643 resident identity number (checksum, real birth date not in the future).</summary>
    public static IRuleBuilderOptions<T, string?> ValidResidentIdNumber<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => ResidentIdNumber.TryParse(value, out _))
            .WithMessage(new LocalizedText(
                "不是有效的居民身份证号码（18 位，出生日期真实且不晚于今天，校验码正确）。",
                "Not a valid resident identity number (18 characters, a real birth date not in the future, a correct check character)."));

    /// <summary>A valid GB 32100 unified social credit code.</summary>
    public static IRuleBuilderOptions<T, string?> ValidCreditCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => UnifiedSocialCreditCode.TryParse(value, out _))
            .WithMessage(new LocalizedText(
                "不是有效的统一社会信用代码（18 位，不含 I、O、S、V、Z，校验码正确）。",
                "Not a valid unified social credit code (18 characters without I, O, S, V, Z, a correct check character)."));

    /// <summary>A division of the platform's region catalogue (Sichuan and Chongqing).</summary>
    public static IRuleBuilderOptions<T, string?> KnownRegion<T>(this IRuleBuilder<T, string?> rule, RegionCatalog regions) =>
        rule.Must(value => value is not null && regions.Contains(value))
            .WithMessage(new LocalizedText(
                "不是已知的行政区划代码（川渝两地的 6 位 GB/T 2260 代码，如 511102）。",
                "Not a known division code (a six-digit GB/T 2260 code of Sichuan or Chongqing, such as 511102)."));
}
