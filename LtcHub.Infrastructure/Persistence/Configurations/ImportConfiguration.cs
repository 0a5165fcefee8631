using LtcHub.Infrastructure.Identity;
using LtcHub.Infrastructure.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtcHub.Infrastructure.Persistence.Configurations;

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> builder)
    {
        builder.ToTable("Imports");
        builder.Property(i => i.UserId).HasMaxLength(450);
        builder.Property(i => i.UserName).HasMaxLength(ApplicationUser.DisplayNameMaxLength);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Policy).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.FileName).HasMaxLength(ImportRun.FileNameMaxLength);
        builder.Property(i => i.Encoding).HasMaxLength(16);
        builder.Property(i => i.MappingJson).HasMaxLength(2000);
        builder.Property(i => i.DateFormat).HasMaxLength(8);
        builder.Property(i => i.Error).HasMaxLength(1000);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => new { i.UserId, i.CreatedAtUtc });
    }
}

internal sealed class ImportItemConfiguration : IEntityTypeConfiguration<ImportItem>
{
    public void Configure(EntityTypeBuilder<ImportItem> builder)
    {
        builder.Property(i => i.EntityType).HasMaxLength(32);
        builder.Property(i => i.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Before).HasMaxLength(4000);
        builder.HasOne<ImportRun>().WithMany().HasForeignKey(i => i.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.ImportId, i.EntityType });
    }
}

internal sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> builder)
    {
        builder.Property(e => e.Code).HasMaxLength(64);
        builder.Property(e => e.Args).HasMaxLength(ImportRowError.MessageMaxLength);
        builder.HasOne<ImportRun>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.ImportId, e.RowNumber });
    }
}

internal sealed class ImportMappingMemoryConfiguration : IEntityTypeConfiguration<ImportMappingMemory>
{
    public void Configure(EntityTypeBuilder<ImportMappingMemory> builder)
    {
        builder.ToTable("ImportMappings");
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Header).HasMaxLength(100);
        builder.Property(m => m.Field).HasMaxLength(32);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.UserId, m.Kind, m.Header }).IsUnique();
    }
}
