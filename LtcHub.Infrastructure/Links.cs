using System.Globalization;

namespace LtcHub.Infrastructure;

/// <summary>
/// The app's pages that alerts, e-mails and the API link to. The pages themselves declare the same
/// routes (<c>@page</c>); a test checks every link here is a route a page answers.
/// </summary>
public static class Links
{
    public const string Pipeline = "/pipeline";
    public const string Meetings = "/meetings";
    public const string Invoices = "/invoices";
    public const string Contracts = "/contracts";
    public const string Leads = "/leads";

    public static string Meeting(int id) => string.Create(CultureInfo.InvariantCulture, $"/meetings/{id}");

    public static string Quote(int id) => string.Create(CultureInfo.InvariantCulture, $"/quotes/{id}");

    public static string Account(int id) => string.Create(CultureInfo.InvariantCulture, $"/accounts/{id}");
}
