// Drag and drop for the whole board, wired once on its container (not per card): the browser's own
// drag and drop, a highlight on the column under the pointer, and one call to the server on drop.
// The keyboard does the same: Space picks up the focused card, the arrow keys carry it across the
// columns, Space or Enter drops it, Escape (or leaving the card) puts it back; a live region says each step.
export function attach(board, dotnet, texts) {
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

    // The keyboard carry.
    let carried = null;
    let target = null;
    const live = () => board.parentElement?.querySelector('[data-keyboard-live]');
    const say = (text, card, column) => {
        const region = live();
        if (region) {
            region.textContent = text
                .replace('{0}', card?.querySelector('.deal-name')?.textContent ?? '')
                .replace('{1}', column?.dataset.stageName ?? '');
        }
    };
    const columns = () => [...board.querySelectorAll('[data-stage][data-stage-name]')];
    const putDown = () => {
        carried?.classList.remove('dragging');
        carried = null;
        target = null;
        highlight(null);
    };
    const dropCarried = async (stage, refocus = true) => {
        const card = carried;
        const id = Number(card.dataset.dealId);
        putDown();
        await dotnet.invokeMethodAsync('DropAsync', stage ? id : 0, stage);
        // Focus follows the card to wherever it really is now (moved, or put back by a refusal or a cancelled dialog),
        // unless the person took the focus elsewhere.
        const now = board.querySelector(`[data-deal-id="${id}"]`);
        if (refocus) {
            now?.focus();
        }
        if (stage) {
            say(texts.dropped, now, now?.closest('[data-stage]'));
        }
    };
    const key = e => {
        const card = e.target instanceof Element && e.target.matches('[data-deal-id]') ? e.target : null;
        if (!card) {
            return;
        }
        if (!carried) {
            if (e.key === ' ') {
                e.preventDefault();
                carried = card;
                target = card.closest('[data-stage]');
                card.classList.add('dragging');
                highlight(target);
                say(texts.picked, card, target);
                dotnet.invokeMethodAsync('PickAsync', Number(card.dataset.dealId));
            } else if (e.key === 'Enter') {
                e.preventDefault();
                card.click();
            }
            return;
        }
        if (card !== carried) {
            return;
        }
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const all = columns();
            const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : -1;
            target = all[Math.min(all.length - 1, Math.max(0, all.indexOf(target) + step))];
            highlight(target);
            target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
            say(texts.over, card, target);
        } else if (e.key === ' ' || e.key === 'Enter') {
            e.preventDefault();
            const from = card.closest('[data-stage]');
            const same = target === from;
            dropCarried(same ? null : target.dataset.stage);
            if (same) {
                say(texts.cancelled, card, from);
            }
        } else if (e.key === 'Escape') {
            e.preventDefault();
            say(texts.cancelled, card, card.closest('[data-stage]'));
            dropCarried(null);
        }
    };
    const leave = e => {
        if (carried && e.target === carried) {
            say(texts.cancelled, carried, carried.closest('[data-stage]'));
            dropCarried(null, false);
        }
    };

    // Tests and automation wait for this before they use the keys.
    board.dataset.keyboard = 'on';
    board.addEventListener('keydown', key);
    board.addEventListener('focusout', leave);
    board.addEventListener('dragstart', start);
    board.addEventListener('dragover', overColumn);
    board.addEventListener('drop', drop);
    board.addEventListener('dragend', end);
    return {
        // Focus back on a card (after its drawer closes): where the eye was before.
        focus(id) {
            board.querySelector(`[data-deal-id="${id}"]`)?.focus();
        },
        detach() {
            board.removeEventListener('keydown', key);
            board.removeEventListener('focusout', leave);
            board.removeEventListener('dragstart', start);
            board.removeEventListener('dragover', overColumn);
            board.removeEventListener('drop', drop);
            board.removeEventListener('dragend', end);
        }
    };
}
