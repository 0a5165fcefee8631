namespace LtcHub.Infrastructure.Events;

/// <summary>A quote of a deal was created or changed (its drawer and quote lists reload it).</summary>
public sealed record QuoteChanged(int DealId, int QuoteId, Domain.Quotes.QuoteStatus Status, string ActorName) : BoardEvent;

/// <summary>A deal's contract or payment plan changed, or an invoice was issued or paid against it.</summary>
public sealed record ContractChanged(int DealId, string ActorName) : BoardEvent;

/// <summary>An invoice was issued, or a payment recorded on one (invoice lists reload; the deal's card follows as its own event).</summary>
public sealed record InvoiceChanged(int DealId, int InvoiceId, string ActorName, InvoiceChange Change) : BoardEvent;

public enum InvoiceChange
{
    Issued,
    PaymentRecorded,
}

/// <summary>
/// A dunning run reached new levels: the deals' cards show the highest open level (carried here, no query per board);
/// <see cref="Invoices"/> says which invoice reached which level, how many days overdue.
/// </summary>
public sealed record DunningLevelsReached(IReadOnlyDictionary<int, int> LevelByDealId, IReadOnlyList<InvoiceLevel>? Invoices = null) : BoardEvent;

public sealed record InvoiceLevel(int InvoiceId, int Level, int DaysOverdue);

/// <summary>A customer changed (profile, contacts, owner, the pool, a merge): its page and the lists showing it reload.</summary>
public sealed record AccountChanged(int AccountId, string ActorName) : BoardEvent;

/// <summary>A follow-up was logged on an account (and perhaps one of its deals): timelines showing it reload.</summary>
public sealed record FollowUpLogged(int AccountId, int? DealId, string ActorName) : BoardEvent;

/// <summary>An import moved on (a batch done, or it ended): its page shows the progress; only its importer's screens care.</summary>
public sealed record ImportProgressed(int ImportId, string UserId, Imports.ImportStatus Status, int Processed, int Total) : BoardEvent;

/// <summary>An import made, changed or took away deals in bulk: every board reads itself again once, rather than an event per deal.</summary>
public sealed record DealsImported(int ImportId, string ActorName) : BoardEvent;

/// <summary>Targets were set or copied forward for a month (reports on targets recompute).</summary>
public sealed record TargetsChanged(int Year, int Month, string ActorName) : BoardEvent;
