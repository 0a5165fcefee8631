using LtcHub.Domain.Accounts;
using LtcHub.Domain.Quotes;
using LtcHub.Infrastructure.Accounts;
using LtcHub.Infrastructure.Billing;
using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Infrastructure.Api;

/// <summary>One page of a list, with how many items the whole filtered list has.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Which page of a list, and of what changed since when.</summary>
public sealed record ApiPaging(int Page = 1, int PageSize = ApiPaging.DefaultSize, DateTime? UpdatedSince = null)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    public int Skip => (Page - 1) * PageSize;
}

public sealed record ApiDeal(
    int Id, string Name, int AccountId, string AccountName, string Stage, decimal? Amount, string Currency, string OwnerId, string OwnerName,
    DateOnly? ExpectedCloseDate, string? NextStep, DateOnly? NextStepDueDate, int? ProbabilityOverride, string? Grade, int? Score,
    DateTime EnteredStageAtUtc, long Version)
{
    public static ApiDeal From(DealCard c) => new(c.Id, c.Name, c.AccountId, c.AccountName, c.StageKey, c.Amount, c.Currency, c.OwnerId, c.OwnerName,
        c.ExpectedCloseDate, c.NextStep, c.NextStepDueDate, c.ProbabilityOverride, c.Grade?.ToString(), c.Score, c.EnteredStageAtUtc, c.Version);
}

public sealed record ApiAccount(
    int Id, string Name, string? EnglishName, string? Industry, string? City, CustomerLevel Level, SizeBand Size, AccountStatus Status,
    string? OwnerId, string? OwnerName, bool InPool, DateTime? LastFollowUpAtUtc, int OpenDeals, decimal OpenPipeline)
{
    public static ApiAccount From(AccountRow r) => new(r.Id, r.Name, r.EnglishName, r.Industry, r.City, r.Level, r.Size, r.Status, r.OwnerId,
        r.OwnerName, r.InPool, r.LastFollowUpAtUtc, r.OpenDeals, r.OpenPipeline);
}

/// <summary>A contact; its version is its company's (a contact is changed through its company).</summary>
public sealed record ApiContact(int Id, int AccountId, string AccountName, string Name, string? Title, string? Email, string? Phone, long Version);

public sealed record ApiInvoice(
    int Id, string Number, int DealId, string DealName, int AccountId, string AccountName, string OwnerId, decimal Amount, decimal PaidAmount,
    decimal Balance, string Currency, DateOnly IssueDate, DateOnly DueDate, int? DunningLevel, int? PlanLineNumber, long Version)
{
    public static ApiInvoice From(InvoiceRow r) => new(r.Id, r.Number, r.DealId, r.DealName, r.AccountId, r.AccountName, r.OwnerId, r.Amount,
        r.PaidAmount, r.Balance, r.Currency, r.IssueDate, r.DueDate, r.DunningLevel, r.PlanLineNumber, r.Version);
}

public sealed record ApiPayment(long Id, int InvoiceId, string InvoiceNumber, string AccountName, decimal Amount, string Currency, DateOnly Date, string? Reference,
    DateTime RecordedAtUtc);

public sealed record ApiQuote(
    int Id, int DealId, string DealName, string Number, int Revision, QuoteStatus Status, string Currency, string Culture, int? ContactId, DateOnly ValidUntil,
    string? Notes, decimal Net, decimal Tax, decimal Gross, DateTime UpdatedAtUtc, long Version);
