using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.Modules.TrainingVouchers.Features.Shared;

/// <summary>Answers a voucher with its ETag and the holder's identity number as the caller may see it.</summary>
internal sealed class VoucherResults(PersonalDataPresenter presenter)
{
    public async Task<Ok<VoucherResponse>> OkAsync(HttpContext http, Voucher voucher, CancellationToken cancellationToken)
    {
        EntityTags.Set(http, voucher);
        return TypedResults.Ok(await ResponseAsync(voucher, cancellationToken));
    }

    public async Task<VoucherResponse> ResponseAsync(Voucher voucher, CancellationToken cancellationToken)
    {
        var holder = await presenter.PresentAsync(PersonalDataKind.ResidentId, voucher.Holder.Ciphertext, "training_vouchers.voucher", voucher.Id.ToString(), cancellationToken);
        return VoucherResponse.From(voucher, holder);
    }
}
