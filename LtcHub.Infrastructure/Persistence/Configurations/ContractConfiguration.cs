using LtcHub.Domain.Contracts;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtcHub.Infrastructure.Persistence.Configurations;

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.Property(c => c.Number).HasMaxLength(Contract.NumberMaxLength);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => c.DealId).IsUnique();
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.AttachmentName).HasMaxLength(200);
        builder.Property(c => c.AttachmentContentType).HasMaxLength(100);
        builder.Property(c => c.AttachmentKey).HasMaxLength(100);
        builder.Property(c => c.CreatedById).HasMaxLength(450);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.Attachment);
        builder.HasOne<Deal>().WithMany().HasForeignKey(c => c.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Quote>().WithMany().HasForeignKey(c => c.QuoteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Plan).WithOne().HasForeignKey(l => l.ContractId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Plan).HasField("_plan").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PaymentPlanLineConfiguration : IEntityTypeConfiguration<PaymentPlanLine>
{
    public void Configure(EntityTypeBuilder<PaymentPlanLine> builder)
    {
        builder.HasIndex(l => new { l.ContractId, l.Number }).IsUnique();
        builder.HasIndex(l => l.DueDate);
    }
}
