using LtcHub.Domain.Meetings;
using LtcHub.Domain.Pipeline;
using LtcHub.Domain.Teams;
using LtcHub.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtcHub.Infrastructure.Persistence.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(Meeting.TitleMaxLength);
        builder.Property(m => m.Culture).HasMaxLength(10);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.FacilitatorId).HasMaxLength(450);
        builder.Property(m => m.CreatedById).HasMaxLength(450);
        builder.Property(m => m.FocusedReport).HasMaxLength(MeetingReport.ReportMaxLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasMany(m => m.Teams).WithOne().HasForeignKey(t => t.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Participants).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Teams).AutoInclude();
        builder.Navigation(m => m.Participants).AutoInclude();
        builder.HasIndex(m => new { m.SeriesId, m.ScheduledStartUtc });
        builder.HasIndex(m => m.ScheduledStartUtc);
    }
}

internal sealed class MeetingTeamConfiguration : IEntityTypeConfiguration<MeetingTeam>
{
    public void Configure(EntityTypeBuilder<MeetingTeam> builder)
    {
        builder.HasKey(t => new { t.MeetingId, t.TeamId });
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingParticipantConfiguration : IEntityTypeConfiguration<MeetingParticipant>
{
    public void Configure(EntityTypeBuilder<MeetingParticipant> builder)
    {
        builder.HasKey(p => new { p.MeetingId, p.UserId });
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.UserId);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.Property(a => a.Reasons).HasConversion<int>();
        builder.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Deal>().WithMany().HasForeignKey(a => a.DealId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.MeetingId, a.DealId }).IsUnique();
    }
}

internal sealed class MeetingEntryConfiguration : IEntityTypeConfiguration<MeetingEntry>
{
    public void Configure(EntityTypeBuilder<MeetingEntry> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Text).HasMaxLength(MeetingEntry.TextMaxLength);
        builder.Property(e => e.AuthorId).HasMaxLength(450);
        builder.Property(e => e.AuthorName).HasMaxLength(ApplicationUser.DisplayNameMaxLength);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(e => e.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Deal>().WithMany().HasForeignKey(e => e.DealId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(e => new { e.MeetingId, e.DealId });
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.Property(a => a.Text).HasMaxLength(ActionItem.TextMaxLength);
        builder.Property(a => a.OwnerId).HasMaxLength(450);
        builder.Property(a => a.CreatedById).HasMaxLength(450);
        builder.Property(a => a.CreatedByName).HasMaxLength(ApplicationUser.DisplayNameMaxLength);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Deal>().WithMany().HasForeignKey(a => a.DealId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.OwnerId, a.DoneAtUtc });
        builder.HasIndex(a => a.MeetingId);
    }
}

internal sealed class MeetingReportConfiguration : IEntityTypeConfiguration<MeetingReport>
{
    public void Configure(EntityTypeBuilder<MeetingReport> builder)
    {
        builder.Property(r => r.Report).HasMaxLength(MeetingReport.ReportMaxLength);
        builder.Property(r => r.Query).HasMaxLength(MeetingReport.QueryMaxLength);
        builder.Property(r => r.SnapshotMarkdown).HasMaxLength(MeetingReport.SnapshotMaxLength);
        builder.HasOne<Meeting>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.MeetingId, r.Report }).IsUnique();
    }
}
