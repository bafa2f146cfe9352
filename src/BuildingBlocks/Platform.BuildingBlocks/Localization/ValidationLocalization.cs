using System.Linq.Expressions;
using System.Reflection;
using FluentValidation;

namespace Platform.BuildingBlocks.Localization;

/// <summary>
/// Makes FluentValidation answer in the language of the request: its built-in messages come from
/// its <c>LanguageManager</c>, which ships Simplified Chinese (<c>zh-CN</c>) and English and picks by
/// <see cref="System.Globalization.CultureInfo.CurrentUICulture"/> as long as no culture is fixed;
/// and names a field in a message by the camelCase path a client sends (<c>'address.postalCode'</c>)
/// rather than split Pascal case (<c>'Address Postal Code'</c>).
/// </summary>
public static class ValidationLocalization
{
    /// <summary>
    /// Sets FluentValidation's global options: the language follows the current UI culture, and
    /// display names are camelCase paths. Idempotent; a rule's own <c>WithName</c> still wins.
    /// </summary>
    public static void UseRequestCulture()
    {
        var options = ValidatorOptions.Global;
        options.LanguageManager.Enabled = true;
        options.LanguageManager.Culture = null;
        options.DisplayNameResolver = CamelCasePath;
    }

    /// <summary>The camelCase member path of a rule's expression (<c>r =&gt; r.Address.PostalCode</c> gives <c>address.postalCode</c>).</summary>
    internal static string? CamelCasePath(Type type, MemberInfo? member, LambdaExpression? expression)
    {
        var segments = new List<string>();
        var current = expression?.Body;
        while (current is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            current = convert.Operand;
        }

        while (current is MemberExpression access)
        {
            segments.Add(CamelCase(access.Member.Name));
            current = access.Expression;
            while (current is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } inner)
            {
                current = inner.Operand;
            }
        }

        if (segments.Count > 0 && current is ParameterExpression)
        {
            segments.Reverse();
            return string.Join('.', segments);
        }

        return member is null ? null : CamelCase(member.Name);
    }

    private static string CamelCase(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>Rule options that take a <see cref="LocalizedText"/>, picked in the request's language when the rule fails.</summary>
public static class LocalizedRuleBuilderExtensions
{
    /// <summary>
    /// The rule's error message in both languages; picked by the current UI culture each time the
    /// rule fails, not when the validator is built. Placeholders such as <c>{PropertyName}</c> work in both.
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> WithMessage<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, LocalizedText message)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(message);
        return rule.WithMessage(_ => message.ToString());
    }

    /// <summary>The name the rule's messages use for the field, in both languages, picked when the rule fails.</summary>
    public static IRuleBuilderOptions<T, TProperty> WithName<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, LocalizedText name)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(name);
        return rule.WithName(_ => name.ToString());
    }
}
