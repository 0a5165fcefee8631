using LtcHub.Infrastructure.Pipeline;

namespace LtcHub.Infrastructure.Events;

/// <summary>A deal changed stage. <see cref="Card"/> is its committed state.</summary>
public sealed record DealMoved(DealCard Card, string FromStageKey, string ActorId, string ActorName) : BoardEvent;

/// <summary>A new deal entered the board (in its first stage).</summary>
public sealed record DealCreated(DealCard Card, string ActorId, string ActorName) : BoardEvent;

/// <summary>A deal's fields changed (not its stage).</summary>
public sealed record DealEdited(DealCard Card, string ActorId, string ActorName) : BoardEvent;

/// <summary>What a card shows changed without the deal itself changing (its plan collected, a dunning level reached).</summary>
public sealed record CardRefreshed(DealCard Card) : BoardEvent;

/// <summary>An admin changed the pipeline's stages.</summary>
public sealed record StagesChanged(string ActorName) : BoardEvent;
