using LtcHub.Domain.Accounts;
using LtcHub.Domain.FollowUps;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtcHub.Infrastructure.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(Account.NameMaxLength);
        builder.Property(a => a.NameKey).HasMaxLength(Account.NameMaxLength);
        builder.Property(a => a.EnglishName).HasMaxLength(Account.NameMaxLength);
        builder.Property(a => a.Industry).HasMaxLength(100);
        builder.Property(a => a.City).HasMaxLength(100);
        builder.Property(a => a.PreferredCulture).HasMaxLength(10);
        builder.Property(a => a.Level).HasConversion<string>().HasMaxLength(4);
        builder.Property(a => a.Size).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.OwnerId).HasMaxLength(450);
        builder.Property(a => a.PreviousOwnerId).HasMaxLength(450);
        builder.Property(a => a.PoolReason).HasMaxLength(Account.PoolReasonMaxLength);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.InPool);
        builder.Ignore(a => a.LastTouchUtc);
        builder.HasMany(a => a.Contacts).WithOne().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Contacts).HasField("_contacts").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.NameKey);
        builder.HasIndex(a => new { a.TeamId, a.OwnerId });
        builder.Property<DateTime>(UpdatedStamps.Property);
        builder.HasIndex(UpdatedStamps.Property);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Contact.NameMaxLength);
        builder.Property(c => c.Email).HasMaxLength(Domain.Common.Email.MaxLength);
        builder.Property(c => c.EmailKey).HasMaxLength(Domain.Common.Email.MaxLength);
        builder.Property(c => c.Phone).HasMaxLength(Contact.PhoneMaxLength);
        builder.Property(c => c.PhoneKey).HasMaxLength(Contact.PhoneMaxLength);
        builder.Property(c => c.Title).HasMaxLength(100);
        builder.HasIndex(c => c.PhoneKey);
        builder.HasIndex(c => c.EmailKey);
        builder.Property<DateTime>(UpdatedStamps.Property);
        builder.HasIndex(UpdatedStamps.Property);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Campaign.NameMaxLength);
        builder.Property(c => c.FormToken).HasMaxLength(Campaign.FormTokenMaxLength);
        builder.Property(c => c.FormOwnerId).HasMaxLength(450);
        builder.HasIndex(c => c.FormToken).IsUnique();
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Cost).HasPrecision(18, 2);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Content).HasMaxLength(FollowUp.ContentMaxLength);
        builder.Property(f => f.AuthorId).HasMaxLength(450);
        builder.Property(f => f.AuthorName).HasMaxLength(ApplicationUser.DisplayNameMaxLength);
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Pipeline.Deal>().WithMany().HasForeignKey(f => f.DealId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(f => f.ContactId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(f => new { f.AccountId, f.AtUtc });
        builder.HasIndex(f => new { f.DealId, f.AtUtc });
        builder.HasIndex(f => f.NextFollowUpDate);
    }
}

internal sealed class PoolRulesConfiguration : IEntityTypeConfiguration<PoolRules>
{
    public void Configure(EntityTypeBuilder<PoolRules> builder)
    {
        builder.HasKey(r => r.TeamId);
        builder.Property(r => r.TeamId).ValueGeneratedNever();
        builder.HasOne<Team>().WithOne().HasForeignKey<PoolRules>(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class DuplicateRulesConfiguration : IEntityTypeConfiguration<DuplicateRules>
{
    public void Configure(EntityTypeBuilder<DuplicateRules> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Company).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Phone).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Email).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class AccountSegmentConfiguration : IEntityTypeConfiguration<AccountSegment>
{
    public void Configure(EntityTypeBuilder<AccountSegment> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(AccountSegment.NameMaxLength);
        builder.Property(s => s.OwnerId).HasMaxLength(450);
        builder.Property(s => s.FilterJson).HasMaxLength(AccountSegment.FilterMaxLength);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.OwnerId, s.Name }).IsUnique();
    }
}
