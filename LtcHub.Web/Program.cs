using LtcHub.Infrastructure;
using LtcHub.Web;
using LtcHub.Web.Diagnostics;
using LtcHub.Web.Jobs;

HostEnvironment.ApplyDefault();
var builder = WebApplication.CreateBuilder(args);
builder.ConfigureHost();
builder.Services
    .AddInfrastructure(builder.Configuration, builder.Environment.ContentRootPath)
    .AddWeb(builder.Configuration)
    .AddLtcHubMetrics()
    .AddLoadHarness(builder.Configuration, builder.Environment)
    .AddJobs();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseWeb();
app.UseJobs();
app.Run();

/// <summary>Entry point; public so integration tests can host the real app.</summary>
public partial class Program;
