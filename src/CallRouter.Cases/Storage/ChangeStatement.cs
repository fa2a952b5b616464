namespace CallRouter.Cases.Storage;

/// <summary>
/// One SQL statement of a <see cref="CaseChange"/> with what must hold for the change to
/// stand: <see cref="NoRowError"/> when it must affect a row (the optimistic version check,
/// updates of existing calls), <see cref="DuplicateError"/> for the message of a unique
/// violation, <see cref="Table"/> to tell which statement of a batch a violation came from.
/// Kept as data so a store can run the statements one by one or as one batch.
/// </summary>
internal sealed record ChangeStatement(
    string Table,
    string Sql,
    (string Name, object? Value)[] Parameters,
    Func<Domain.CaseException>? NoRowError = null,
    Func<Domain.CaseException>? DuplicateError = null);
