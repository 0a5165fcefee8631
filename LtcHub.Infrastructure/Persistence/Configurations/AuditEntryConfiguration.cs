using LtcHub.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtcHub.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.ActorId).HasMaxLength(450);
        builder.Property(a => a.ActorName).HasMaxLength(100);
        builder.Property(a => a.EntityType).HasMaxLength(32);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.Property(a => a.Field).HasMaxLength(64);
        builder.Property(a => a.OldValue).HasMaxLength(1000);
        builder.Property(a => a.NewValue).HasMaxLength(1000);
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.AtUtc });
        builder.HasIndex(a => new { a.EntityType, a.Field, a.AtUtc });
    }
}

internal sealed class StageMoveConfiguration : IEntityTypeConfiguration<Reports.StageMove>
{
    public void Configure(EntityTypeBuilder<Reports.StageMove> builder)
    {
        builder.ToTable("DealStageMoves");
        builder.Property(m => m.From).HasMaxLength(Domain.Pipeline.Stage.KeyMaxLength);
        builder.Property(m => m.To).HasMaxLength(Domain.Pipeline.Stage.KeyMaxLength);

        // Covering: a cohort's history, and the moves of a period, are read from the index alone.
        builder.HasIndex(m => new { m.DealId, m.AtUtc, m.From, m.To, m.EnteredAtUtc });
        builder.HasIndex(m => new { m.AtUtc, m.DealId, m.From, m.To, m.EnteredAtUtc });
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<Identity.ApplicationUser>
{
    public void Configure(EntityTypeBuilder<Identity.ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(Identity.ApplicationUser.DisplayNameMaxLength);
        builder.Property(u => u.PreferredCulture).HasMaxLength(10);
        builder.Property(u => u.BoardFilterJson).HasMaxLength(Identity.ApplicationUser.BoardFilterMaxLength);
        builder.Property(u => u.Theme).HasConversion<string>().HasMaxLength(20).HasDefaultValue(Identity.UiTheme.Light).HasSentinel(Identity.UiTheme.Light);
        builder.HasOne<Domain.Teams.Team>().WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
