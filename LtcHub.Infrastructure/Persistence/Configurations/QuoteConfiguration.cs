using LtcHub.Domain.Accounts;
using LtcHub.Domain.Catalog;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Quotes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtcHub.Infrastructure.Persistence.Configurations;

internal sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> builder)
    {
        builder.Property(q => q.Number).HasMaxLength(Quote.NumberMaxLength);
        builder.HasIndex(q => new { q.Number, q.Revision }).IsUnique();
        builder.Property(q => q.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(q => q.Culture).HasMaxLength(10);
        builder.Property(q => q.Notes).HasMaxLength(Quote.NotesMaxLength);
        builder.Property(q => q.ApprovalComment).HasMaxLength(Quote.CommentMaxLength);
        builder.Property(q => q.CreatedById).HasMaxLength(450);
        builder.Property(q => q.ApprovedById).HasMaxLength(450);
        builder.Property(q => q.Version).IsConcurrencyToken();
        builder.Ignore(q => q.Title);
        builder.Ignore(q => q.IsEditable);
        builder.HasOne<Deal>().WithMany().HasForeignKey(q => q.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Contact>().WithMany().HasForeignKey(q => q.ContactId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(q => q.Lines).WithOne().HasForeignKey(l => l.QuoteId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(q => q.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(q => new { q.Status, q.ValidUntil });
    }
}

internal sealed class QuoteLineConfiguration : IEntityTypeConfiguration<QuoteLine>
{
    public void Configure(EntityTypeBuilder<QuoteLine> builder)
    {
        builder.Property(l => l.Description).HasMaxLength(QuoteLine.DescriptionMaxLength);
        builder.Property(l => l.Unit).HasMaxLength(Product.UnitMaxLength);
        builder.Ignore(l => l.Gross);
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.Property(p => p.NameZh).HasMaxLength(Product.NameMaxLength);
        builder.Property(p => p.NameEn).HasMaxLength(Product.NameMaxLength);
        builder.Property(p => p.Unit).HasMaxLength(Product.UnitMaxLength);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}

internal sealed class CompanySettingsConfiguration : IEntityTypeConfiguration<Domain.Settings.CompanySettings>
{
    public void Configure(EntityTypeBuilder<Domain.Settings.CompanySettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
