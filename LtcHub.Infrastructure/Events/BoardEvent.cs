namespace LtcHub.Infrastructure.Events;

/// <summary>
/// Something that happened, published after it committed. Two kinds (docs/decisions/005-live-events.md):
/// events that carry what changed (a card, a level, who is present) so every circuit applies them without
/// a query, and events that only name what changed so the few views showing it reload it.
/// </summary>
public abstract record BoardEvent;
