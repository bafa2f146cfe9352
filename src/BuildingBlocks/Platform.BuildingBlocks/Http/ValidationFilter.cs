using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.Http;

/// <summary>
/// Validates every endpoint argument whose type has a registered FluentValidation validator, so a
/// module gets validation by declaring a validator, not by remembering to call it.
/// </summary>
public static class ValidationFilter
{
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var isService = context.ApplicationServices.GetService<IServiceProviderIsService>();
        if (isService is null)
        {
            return next;
        }

        var targets = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (index, validatorType: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
            .Where(p => isService.IsService(p.validatorType))
            .ToArray();
        if (targets.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            foreach (var (index, validatorType) in targets)
            {
                var argument = invocation.Arguments[index];
                if (argument is null)
                {
                    continue;
                }

                var validator = (IValidator)invocation.HttpContext.RequestServices.GetRequiredService(validatorType);
                var result = await validator.ValidateAsync(new ValidationContext<object>(argument), invocation.HttpContext.RequestAborted);
                if (!result.IsValid)
                {
                    return ApiProblems.Validation(result.Errors
                        .GroupBy(e => ToCamelPath(e.PropertyName))
                        .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
                }
            }

            return await next(invocation);
        };
    }

    internal static string ToCamelPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(segment =>
            segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));
}
