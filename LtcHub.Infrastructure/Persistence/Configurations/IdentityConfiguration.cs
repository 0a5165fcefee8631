using LtcHub.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtcHub.Infrastructure.Persistence.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Address).HasMaxLength(UserSession.AddressMaxLength);
        builder.Property(s => s.Device).HasMaxLength(UserSession.DeviceMaxLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.UserId);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<Api.ApiToken>
{
    public void Configure(EntityTypeBuilder<Api.ApiToken> builder)
    {
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.Property(t => t.Name).HasMaxLength(Api.ApiToken.NameMaxLength);
        builder.Property(t => t.Prefix).HasMaxLength(Api.ApiToken.PrefixLength);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.Property(t => t.Scope).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.UserId);
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<Webhooks.WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<Webhooks.WebhookEndpoint> builder)
    {
        builder.Property(e => e.Url).HasMaxLength(Webhooks.WebhookEndpoint.UrlMaxLength);
        builder.Property(e => e.Events).HasMaxLength(300);
        builder.Property(e => e.OwnerId).HasMaxLength(450);
        builder.Property(e => e.Secret).HasMaxLength(64);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Ignore(e => e.EventList);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<Webhooks.WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<Webhooks.WebhookDelivery> builder)
    {
        builder.Property(d => d.Id).HasMaxLength(32);
        builder.Property(d => d.Event).HasMaxLength(40);
        builder.Property(d => d.EventKey).HasMaxLength(Webhooks.WebhookDelivery.EventKeyMaxLength);
        builder.Property(d => d.LastError).HasMaxLength(Webhooks.WebhookDelivery.ErrorMaxLength);
        builder.HasOne<Webhooks.WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.EndpointId, d.Event, d.EventKey }).IsUnique();
        builder.HasIndex(d => d.NextAttemptAtUtc);
        builder.HasIndex(d => d.CreatedAtUtc);
    }
}
