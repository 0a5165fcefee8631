// Drag and drop for the whole board, wired once on its container (not per card): the browser's own
// drag and drop, a highlight on the column under the pointer, and one call to the server on drop.
export function attach(board, dotnet) {
    let dragged = null;
    let over = null;

    const cardOf = e => e.target instanceof Element ? e.target.closest('[data-deal-id]') : null;
    const columnOf = e => e.target instanceof Element ? e.target.closest('[data-stage]') : null;
    const highlight = column => {
        if (over !== column) {
            over?.classList.remove('drop-target');
            column?.classList.add('drop-target');
            over = column;
        }
    };

    const start = e => {
        const card = cardOf(e);
        if (!card) {
            return;
        }
        dragged = card;
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', card.dataset.dealId);
        card.classList.add('dragging');
        dotnet.invokeMethodAsync('PickAsync', Number(card.dataset.dealId));
    };
    const overColumn = e => {
        const column = dragged ? columnOf(e) : null;
        if (column) {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
        }
        highlight(column);
    };
    const drop = e => {
        const column = columnOf(e);
        if (!dragged || !column) {
            return;
        }
        e.preventDefault();
        const id = Number(dragged.dataset.dealId);
        finish();
        dotnet.invokeMethodAsync('DropAsync', id, column.dataset.stage);
    };
    const finish = () => {
        if (dragged) {
            dragged.classList.remove('dragging');
            dragged = null;
        }
        highlight(null);
    };
    const end = () => {
        if (dragged) {
            finish();
            dotnet.invokeMethodAsync('DropAsync', 0, null);
        }
    };

    board.addEventListener('dragstart', start);
    board.addEventListener('dragover', overColumn);
    board.addEventListener('drop', drop);
    board.addEventListener('dragend', end);
    return {
        detach() {
            board.removeEventListener('dragstart', start);
            board.removeEventListener('dragover', overColumn);
            board.removeEventListener('drop', drop);
            board.removeEventListener('dragend', end);
        }
    };
}
