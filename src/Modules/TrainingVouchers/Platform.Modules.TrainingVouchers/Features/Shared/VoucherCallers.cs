using Platform.BuildingBlocks.Security;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.Modules.TrainingVouchers.Features.Shared;

/// <summary>
/// Which institution a caller acts for. Institution staff carry their institution's credit code in the
/// <c>org</c> claim and act only for it; bureau staff and administrators name the institution.
/// </summary>
internal static class VoucherCallers
{
    /// <summary>True for a caller who acts as a training institution (and is not an administrator).</summary>
    public static bool IsInstitution(Caller caller) =>
        !caller.IsSystem && caller.HasRole(Roles.TrainingInstitution) && !caller.HasRole(Roles.Administrator);

    /// <summary>
    /// The institution the request acts for: the caller's own for institution staff (a different one
    /// named in the request is refused), the one named for everyone else.
    /// </summary>
    public static string ActingInstitution(Caller caller, string? named)
    {
        if (!IsInstitution(caller))
        {
            return named ?? throw Vouchers.FieldError("institutionCode", "请指明培训机构的统一社会信用代码。", "Name the institution by its unified social credit code.");
        }

        if (caller.Organisation is null)
        {
            throw Mismatch("培训机构令牌缺少机构代码（org）。", "The training institution's token carries no institution code (org claim).");
        }

        if (named is not null && !string.Equals(named, caller.Organisation, StringComparison.Ordinal))
        {
            throw Mismatch($"只能以本机构（{caller.Organisation}）的名义操作。", $"An institution acts only for itself ({caller.Organisation}).");
        }

        return caller.Organisation;
    }

    /// <summary>Refuses (403) a region outside the caller's: issuing, statistics and reference data are set only within it.</summary>
    public static void RequireRegion(Caller caller, string regionCode) => caller.RequireWithin(regionCode, VoucherProblems.RegionOutsideCaller);

    /// <summary>Refuses an institution caller acting on a voucher enrolled at another institution.</summary>
    public static void RequireOwnVoucher(Caller caller, Voucher voucher)
    {
        if (IsInstitution(caller) && (caller.Organisation is null || !string.Equals(voucher.InstitutionCode, caller.Organisation, StringComparison.Ordinal)))
        {
            throw VoucherProblems.NotFound(voucher.Id);
        }
    }

    private static Platform.BuildingBlocks.Http.DomainException Mismatch(string chinese, string english) =>
        VoucherProblems.Refuse(403, VoucherProblems.InstitutionMismatch, chinese, english);
}
