using LtcHub.Domain.Accounts;
using LtcHub.Domain.Billing;
using LtcHub.Domain.Notifications;
using LtcHub.Domain.Pipeline;
using LtcHub.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtcHub.Infrastructure.Persistence.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(i => i.Number).HasMaxLength(Invoice.NumberMaxLength);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.Property(i => i.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Ignore(i => i.Balance);
        builder.Ignore(i => i.Status);
        builder.HasOne<Deal>().WithMany().HasForeignKey(i => i.DealId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(i => i.BillingContactId).OnDelete(DeleteBehavior.NoAction);
        builder.HasMany(i => i.Payments).WithOne().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.DealId);

        // One invoice per instalment of a payment plan.
        builder.HasOne<Domain.Contracts.PaymentPlanLine>().WithMany().HasForeignKey(i => i.PaymentPlanLineId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.PaymentPlanLineId).IsUnique();
        // The dunning scan and the cash forecast: unpaid invoices by due date, told from paid ones by the index alone.
        builder.HasIndex(i => new { i.DueDate, i.PaidAmount, i.Amount });
        builder.Property<DateTime>(UpdatedStamps.Property);
        builder.HasIndex(UpdatedStamps.Property);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.Reference).HasMaxLength(Payment.ReferenceMaxLength);
        builder.Property(p => p.SubmissionKey).HasMaxLength(Payment.SubmissionKeyMaxLength);
        builder.HasIndex(p => p.SubmissionKey).IsUnique();
        builder.Property(p => p.RecordedById).HasMaxLength(450);
    }
}

internal sealed class DunningPolicyConfiguration : IEntityTypeConfiguration<DunningPolicy>
{
    public void Configure(EntityTypeBuilder<DunningPolicy> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.HasMany(p => p.Levels).WithOne().HasForeignKey(l => l.PolicyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Levels).AutoInclude();
    }
}

internal sealed class DunningLevelConfiguration : IEntityTypeConfiguration<DunningLevel>
{
    public void Configure(EntityTypeBuilder<DunningLevel> builder)
    {
        builder.Property(l => l.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.TemplateZh).HasMaxLength(DunningLevel.TemplateMaxLength);
        builder.Property(l => l.TemplateEn).HasMaxLength(DunningLevel.TemplateMaxLength);
        builder.HasIndex(l => new { l.PolicyId, l.Level }).IsUnique();
    }
}

internal sealed class DunningNoticeConfiguration : IEntityTypeConfiguration<DunningNotice>
{
    public void Configure(EntityTypeBuilder<DunningNotice> builder)
    {
        builder.Property(n => n.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.LastError).HasMaxLength(500);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(n => n.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        // Exactly one notice per invoice and level, ever: a doubled, retried or crashed run cannot send twice.
        builder.HasIndex(n => new { n.InvoiceId, n.Level }).IsUnique();
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Kind).HasMaxLength(40);
        builder.Property(n => n.Key).HasMaxLength(Notification.KeyMaxLength);
        builder.Property(n => n.Text).HasMaxLength(Notification.TextMaxLength);
        builder.Property(n => n.Link).HasMaxLength(200);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        // A reminder fires once: its key (what it is about) is unique.
        builder.HasIndex(n => n.Key).IsUnique();
        builder.HasIndex(n => new { n.UserId, n.ReadAtUtc });
    }
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.Property(e => e.MessageId).HasMaxLength(200);
        builder.HasIndex(e => e.MessageId).IsUnique();
        builder.Property(e => e.ToAddress).HasMaxLength(256);
        builder.Property(e => e.ToName).HasMaxLength(200);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.Property(e => e.Body).HasMaxLength(8000);
        builder.Property(e => e.LastError).HasMaxLength(500);
        builder.Property(e => e.AttachmentName).HasMaxLength(200);
        builder.Property(e => e.AttachmentContentType).HasMaxLength(100);
        builder.HasIndex(e => new { e.SentAtUtc, e.CancelledAtUtc });
    }
}
