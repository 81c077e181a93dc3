using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelOps.Audit;

namespace ModelOps.Access;

/// <summary>Registration of access checks and the audit trail (the host supplies <see cref="IAccessStore"/> and <see cref="IAuditStore"/>).</summary>
public static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddModelOpsAccess(
        this IServiceCollection services,
        Action<AccessOptions>? access = null,
        Action<AuditOptions>? audit = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var accessOptions = services.AddOptions<AccessOptions>().ValidateOnStart();
        if (access is not null)
        {
            accessOptions.Configure(access);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>());
        var auditOptions = services.AddOptions<AuditOptions>();
        if (audit is not null)
        {
            auditOptions.Configure(audit);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccessPolicy>();
        services.TryAddSingleton<AccessAssignments>();
        services.TryAddSingleton<ModelAccess>();
        services.TryAddSingleton<AuditTrail>();
        return services;
    }
}
