using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Platform.BuildingBlocks.Http;

namespace Platform.Host.Composition;

/// <summary>
/// The two rate limits: per client address on every route but <c>/health</c>, and per authenticated
/// caller on the routes with <see cref="HttpSecuritySetup.PerCallerPolicy"/>.
/// </summary>
/// <remarks>
/// <para>
/// Each partition is a token bucket holding one minute's permits, refilled continuously at the
/// configured rate per minute: a client may burst up to its minute's allowance, then proceeds at the
/// steady rate. A token bucket rather than a fixed or sliding window because its refusal knows when
/// the next permit arrives: <c>Retry-After</c> is then the real wait (one refill interval, 60 / rate
/// seconds, rounded up), where a fixed window always reports the whole minute and the framework's
/// sliding window reports nothing.
/// </para>
/// <para>
/// Limits are held in memory, per instance: behind a load balancer with n instances a client gets
/// up to n times the limit. Client addresses are the connection's: behind a reverse proxy the host
/// must apply the forwarded headers first, or every client shares the proxy's address.
/// </para>
/// </remarks>
internal static class HttpSecurityRateLimiting
{
    private const string UnknownAddress = "ip:unknown";

    public static void Configure(RateLimiterOptions options, HttpSecurityOptions.RateLimitSettings limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = WriteRejectionAsync;

        var perAddress = Bucket(limits.PerIpPermitsPerMinute);
        var perCaller = Bucket(limits.PerCallerPermitsPerMinute);
        var enabled = limits.Enabled;

        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            enabled && !IsExempt(context.Request.Path)
                ? RateLimitPartition.GetTokenBucketLimiter(ClientAddressKey(context.Connection.RemoteIpAddress), _ => perAddress)
                : RateLimitPartition.GetNoLimiter("exempt"));

        options.AddPolicy(HttpSecuritySetup.PerCallerPolicy, context =>
            enabled
                ? RateLimitPartition.GetTokenBucketLimiter(CallerKey(context), _ => perCaller)
                : RateLimitPartition.GetNoLimiter("disabled"));
    }

    /// <summary>Health probes come from the orchestrator, often many per minute from one address; never limit them.</summary>
    internal static bool IsExempt(PathString path) => path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A bucket of <paramref name="permitsPerMinute"/> permits refilled one at a time every
    /// 60 / <paramref name="permitsPerMinute"/> seconds. The partitioned limiter refills by elapsed
    /// time on its own timer, so the interval may be shorter than its 100 ms tick. No queue: an
    /// excess request is refused at once.
    /// </summary>
    internal static TokenBucketRateLimiterOptions Bucket(int permitsPerMinute) => new()
    {
        TokenLimit = permitsPerMinute,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(TimeSpan.TicksPerMinute / permitsPerMinute),
        QueueLimit = 0,
        AutoReplenishment = false,
    };

    /// <summary>
    /// The authenticated caller's subject (<c>sub</c>, or the name identifier it is mapped to), set
    /// by the authentication middleware from a validated token; the client address for anonymous
    /// requests. Claims of an unauthenticated identity are ignored.
    /// </summary>
    internal static string CallerKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var subject = user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
            if (!string.IsNullOrWhiteSpace(subject))
            {
                return "sub:" + subject;
            }
        }

        return ClientAddressKey(context.Connection.RemoteIpAddress);
    }

    /// <summary>
    /// The client address; for IPv6 its /64 prefix, the block one subscriber usually holds, so that a
    /// client cannot escape its limit by rotating addresses within it.
    /// </summary>
    internal static string ClientAddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return UnknownAddress;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "ip:" + address;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out _))
        {
            return UnknownAddress;
        }

        bytes[8..].Clear();
        return "ip:" + new IPAddress(bytes) + "/64";
    }

    /// <summary>The whole seconds to wait, from the refused lease: at least 1, and 60 when the limiter gives no hint.</summary>
    internal static int RetryAfterSeconds(RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (!lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) || retryAfter <= TimeSpan.Zero)
        {
            return 60;
        }

        return (int)Math.Clamp(Math.Ceiling(retryAfter.TotalSeconds), 1, int.MaxValue);
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        if (context.Response.HasStarted || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var seconds = RetryAfterSeconds(rejected.Lease);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.Create(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyRequests, ProblemTexts.TooManyRequestsRetryAfter(seconds))
            .ExecuteAsync(context);
    }
}
