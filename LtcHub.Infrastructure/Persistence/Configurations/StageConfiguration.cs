using LtcHub.Domain.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtcHub.Infrastructure.Persistence.Configurations;

internal sealed class StageConfiguration : IEntityTypeConfiguration<Stage>
{
    public void Configure(EntityTypeBuilder<Stage> builder)
    {
        builder.Property(s => s.Key).HasMaxLength(Stage.KeyMaxLength);
        builder.HasIndex(s => s.Key).IsUnique();
        builder.Property(s => s.NameZh).HasMaxLength(Stage.NameMaxLength);
        builder.Property(s => s.NameEn).HasMaxLength(Stage.NameMaxLength);
        builder.Property(s => s.OwningTeam).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.EntryRules).HasConversion<int>();
        builder.Property(s => s.MinimumGrade).HasConversion<string>().HasMaxLength(2);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.IsLost);
    }
}
