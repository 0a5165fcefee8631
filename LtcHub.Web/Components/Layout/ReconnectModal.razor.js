// Blazor reports the state of the circuit's connection; this dialog shows it and gets the user back to a live page.
const modal = document.getElementById("components-reconnect-modal");
modal.addEventListener("components-reconnect-state-changed", changed);
document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);

function show(state) {
    modal.dataset.state = state;
    if (!modal.open) {
        modal.showModal();
    }
}

function changed(event) {
    const state = event.detail.state;
    if (state === "hide") {
        modal.dataset.state = "hidden";
        modal.close();
    } else if (state === "rejected") {
        // The server no longer holds this window's circuit: a fresh page is a live board again.
        location.reload();
    } else if (state === "failed") {
        show(state);
        document.addEventListener("visibilitychange", retryWhenVisible);
    } else {
        show(state);
    }
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
        if (!await Blazor.reconnect() && !await Blazor.resumeCircuit()) {
            location.reload();
        }
    } catch {
        document.addEventListener("visibilitychange", retryWhenVisible);
    }
}

async function resume() {
    try {
        if (!await Blazor.resumeCircuit()) {
            location.reload();
        }
    } catch {
        location.reload();
    }
}

async function retryWhenVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
