using LtcHub.Domain.Accounts;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtcHub.Infrastructure.Persistence.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(Deal.NameMaxLength);
        builder.Property(d => d.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(d => d.NextStep).HasMaxLength(Deal.NextStepMaxLength);
        builder.Property(d => d.LossReason).HasMaxLength(Deal.LossReasonMaxLength);
        builder.Property(d => d.OwnerId).HasMaxLength(450);
        builder.Property(d => d.OpsAcceptedById).HasMaxLength(450);
        builder.Property(d => d.HandoffPushbackReason).HasMaxLength(Deal.PushbackReasonMaxLength);
        builder.Property(d => d.Grade).HasConversion<string>().HasMaxLength(2);
        builder.Property(d => d.Forecast).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ForecastCategory.Pipeline)
            .HasSentinel(ForecastCategory.Pipeline);

        // App-managed optimistic concurrency: the UPDATE carries "WHERE Version = @original".
        // (IsRowVersion would silently do nothing on SQLite.)
        builder.Property(d => d.Version).IsConcurrencyToken();

        builder.HasOne(d => d.Stage).WithMany().HasForeignKey(d => d.StageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(d => d.TeamId).OnDelete(DeleteBehavior.Restrict);

        builder.Ignore(d => d.IsWonOrBeyond);

        builder.HasIndex(d => new { d.StageId, d.EnteredStageAtUtc });
        builder.HasIndex(d => d.OwnerId);
        builder.HasIndex(d => d.TeamId);
        builder.HasIndex(d => d.AccountId);
        builder.HasIndex(d => d.CreatedAtUtc);
    }
}

internal sealed class ScorecardConfiguration : IEntityTypeConfiguration<Domain.Scoring.Scorecard>
{
    public void Configure(EntityTypeBuilder<Domain.Scoring.Scorecard> builder)
    {
        builder.HasKey(s => s.DealId);
        builder.Property(s => s.DealId).ValueGeneratedNever();
        builder.HasOne<Deal>().WithOne().HasForeignKey<Domain.Scoring.Scorecard>(s => s.DealId).OnDelete(DeleteBehavior.Cascade);
        foreach (var note in new[] { "NeedFitNote", "BudgetNote", "DecisionCycleNote", "SizeNote", "HistoryComment" })
        {
            builder.Property<string?>(note).HasMaxLength(Domain.Scoring.Rating.NoteMaxLength);
        }

        builder.Property(s => s.History).HasPrecision(3, 1);
        builder.Property(s => s.Grade).HasConversion<string>().HasMaxLength(2);
        builder.Property(s => s.ScoredById).HasMaxLength(450);
        builder.Property(s => s.ScoredByName).HasMaxLength(ApplicationUser.DisplayNameMaxLength);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.Input);
    }
}

internal sealed class ScoringSettingsConfiguration : IEntityTypeConfiguration<Domain.Scoring.ScoringSettings>
{
    public void Configure(EntityTypeBuilder<Domain.Scoring.ScoringSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.Weights);
    }
}

internal sealed class SalesTargetConfiguration : IEntityTypeConfiguration<Domain.Targets.SalesTarget>
{
    public void Configure(EntityTypeBuilder<Domain.Targets.SalesTarget> builder)
    {
        builder.Property(t => t.Subject).HasMaxLength(460);
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.Property(t => t.SetById).HasMaxLength(450);
        builder.Property(t => t.Measure).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.Year, t.Month, t.Subject, t.Measure, t.Currency }).IsUnique();
    }
}
