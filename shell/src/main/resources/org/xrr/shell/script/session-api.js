// The JavaScript face of xrr's session API: the host objects pass JSON text and strings; this
// turns them into plain objects, BigInt register values and lazy, chainable event queries.
(function (host, scriptArgs) {
    'use strict';
    const parse = (text) => (text === null || text === undefined ? null : JSON.parse(text));
    const address = (a) => (typeof a === 'string' ? a : String(BigInt(a)));

    /** A lazily evaluated sequence of events: nothing is read until it is iterated. */
    class Query {
        constructor(source) {
            this._source = source;
        }
        [Symbol.iterator]() {
            return this._source();
        }
        filter(predicate) {
            const source = this._source;
            return new Query(function* () {
                for (const e of source()) {
                    if (predicate(e)) {
                        yield e;
                    }
                }
            });
        }
        map(transform) {
            const source = this._source;
            return new Query(function* () {
                for (const e of source()) {
                    yield transform(e);
                }
            });
        }
        take(count) {
            const source = this._source;
            return new Query(function* () {
                if (count <= 0) {
                    return;
                }
                let n = 0;
                for (const e of source()) {
                    yield e;
                    if (++n >= count) {
                        return;
                    }
                }
            });
        }
        syscalls(...names) {
            return this.filter((e) => e.kind === 'syscall' && (names.length === 0 || names.includes(e.name)));
        }
        traps(instruction) {
            return this.filter((e) => e.kind === 'trap' && (instruction === undefined || e.instruction === instruction));
        }
        first(predicate) {
            for (const e of this) {
                if (predicate === undefined || predicate(e)) {
                    return e;
                }
            }
            return null;
        }
        toArray() {
            return Array.from(this);
        }
        count() {
            let n = 0;
            for (const e of this) {
                n++;
            }
            return n;
        }
        forEach(action) {
            for (const e of this) {
                action(e);
            }
        }
    }

    class Session {
        constructor(h) {
            this._h = h;
        }
        get trace() {
            return this._h.trace();
        }
        events() {
            const h = this._h;
            return new Query(function* () {
                const cursor = h.cursor();
                try {
                    for (let batch = JSON.parse(cursor.next()); batch.length > 0; batch = JSON.parse(cursor.next())) {
                        yield* batch;
                    }
                } finally {
                    cursor.close();
                }
            });
        }
        step(count = 1) {
            return parse(this._h.step(count));
        }
        continue(predicate) {
            if (predicate === undefined) {
                return parse(this._h.runToEnd());
            }
            for (;;) {
                const e = this.step();
                if (e === null || predicate(e, this)) {
                    return e;
                }
            }
        }
        seek(index) {
            return parse(this._h.seek(index));
        }
        restart() {
            this._h.restart();
        }
        get state() {
            return this._h.state();
        }
        get position() {
            return parse(this._h.position());
        }
        get divergence() {
            return parse(this._h.divergence());
        }
        regs() {
            const raw = parse(this._h.regs());
            const out = {};
            for (const name of Object.keys(raw)) {
                out[name] = BigInt(raw[name]);
            }
            return out;
        }
        read(addr, length) {
            const hex = this._h.read(address(addr), length);
            const bytes = new Uint8Array(hex.length / 2);
            for (let i = 0; i < bytes.length; i++) {
                bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
            }
            return bytes;
        }
        readString(addr, max = 4096) {
            return this._h.readString(address(addr), max);
        }
        disas(addr, count = 16) {
            return parse(this._h.disas(addr === undefined || addr === null ? null : address(addr), count));
        }
        path() {
            return this._h.path();
        }
        symbol(addr) {
            return this._h.symbol(address(addr));
        }
        where() {
            return parse(this._h.where());
        }
        model() {
            return parse(this._h.model());
        }
        close() {
            this._h.close();
        }
    }

    return Object.freeze({
        args: Object.freeze(JSON.parse(scriptArgs)),
        record(argv, options = {}) {
            return host.record(JSON.stringify(argv), JSON.stringify(options));
        },
        replay(trace) {
            return new Session(host.replay(String(trace)));
        },
    });
})
