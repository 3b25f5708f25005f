// The API a masking policy sees. xrr evaluates this before the policy, in the same sandboxed
// context, and calls the function it returns with the policy's input as a JSON string: the host
// CPU, the catalogue of feature names, the arguments and the profiles they name. Everything
// crosses as data, so the sandbox needs no access to Java at all. The policy's calls are
// recorded as a plan; xrr reads the plan back as JSON and builds the model in Java, under the
// same consistency rules as --mask.
(function (inputJson) {
    'use strict';
    const API_SOURCE = 'policy-api.js';
    const input = JSON.parse(inputJson);
    const known = new Set(input.catalogue);
    const REGISTERS = ['eax', 'ebx', 'ecx', 'edx'];
    const ops = [];

    // Where in the policy the current API call was made, as file:line, for xrr's messages.
    function caller() {
        const frames = String(new Error().stack).split('\n').slice(1);
        for (const frame of frames) {
            const m = /\(?([^()\s]+):(\d+):\d+\)?$/.exec(frame.trim());
            if (m && m[1] !== API_SOURCE) {
                return m[1] + ':' + m[2];
            }
        }
        return '';
    }

    // The API's own refusals; xrr reports their message as it is, at the policy's line.
    function policyError(message) {
        const e = new Error(message);
        e.name = 'PolicyError';
        return e;
    }

    // Thrown for a feature name the catalogue lacks; xrr adds the nearest known names.
    function unknownFeature(name) {
        const e = new Error('unknown CPU feature "' + name + '"');
        e.name = 'UnknownFeatureError';
        e.feature = String(name);
        return e;
    }

    function featureName(name) {
        if (typeof name !== 'string') {
            throw new TypeError('a feature name must be a string, not ' + typeof name);
        }
        if (!known.has(name)) {
            throw unknownFeature(name);
        }
        return name;
    }

    function names(list) {
        return list.flat(Infinity).map(featureName);
    }

    function unsigned32(what, value) {
        if (!Number.isInteger(value) || value < -0x80000000 || value > 0xFFFFFFFF) {
            throw new TypeError(what + ' must be a 32-bit integer, not ' + String(value));
        }
        return value | 0;
    }

    function registerName(register) {
        const r = String(register).toLowerCase();
        if (!REGISTERS.includes(r)) {
            throw new TypeError('register must be one of ' + REGISTERS.join(', ') + ', not ' + String(register));
        }
        return r;
    }

    // A CPU as data: the host, or a profile named by an argument.
    function describe(cpu) {
        const features = Object.freeze(cpu.features.slice());
        const present = new Set(features);
        const leaves = new Map(cpu.leaves.map(row => [row[0] + ':' + row[1], row.slice(2)]));
        return Object.freeze({
            name: cpu.name,
            vendor: cpu.vendor,
            brand: cpu.brand,
            family: cpu.family,
            model: cpu.model,
            stepping: cpu.stepping,
            xcr0: cpu.xcr0,
            features,
            has(name) {
                return present.has(featureName(name));
            },
            leaf(leaf, subleaf = 0) {
                const row = leaves.get(unsigned32('leaf', leaf) + ':' + unsigned32('subleaf', subleaf));
                const r = row || [0, 0, 0, 0];
                return Object.freeze({eax: r[0] >>> 0, ebx: r[1] >>> 0, ecx: r[2] >>> 0, edx: r[3] >>> 0});
            },
            require(...wanted) {
                const missing = names(wanted).filter(n => !present.has(n));
                if (missing.length > 0) {
                    throw policyError(cpu.name + ' lacks ' + missing.join(', '));
                }
            },
            profileArgument: cpu.argument,
        });
    }

    function profile(argument) {
        if (!Object.prototype.hasOwnProperty.call(input.args, argument)) {
            throw policyError('this policy needs the argument ' + argument + '=FILE naming a CPU profile'
                + ' (--policy-arg ' + argument + '=FILE)');
        }
        const loaded = input.profiles[argument];
        if (loaded.error) {
            throw policyError('argument ' + argument + ': ' + loaded.error);
        }
        return describe(Object.assign({argument}, loaded));
    }

    function profileArgumentOf(p) {
        if (p === null || typeof p !== 'object' || typeof p.profileArgument !== 'string') {
            throw new TypeError('expected a profile from profile(NAME), not ' + String(p));
        }
        return p.profileArgument;
    }

    function record(op) {
        op.at = caller();
        ops.push(op);
    }

    function edit(op, leaf, subleaf, register, value) {
        record({op, leaf: unsigned32('leaf', leaf), subleaf: unsigned32('subleaf', subleaf),
            register: registerName(register), value: unsigned32('value', value)});
    }

    const cpu = Object.freeze({
        hide(...wanted) {
            record({op: 'hide', names: names(wanted)});
        },
        intersect(p) {
            record({op: 'intersect', argument: profileArgumentOf(p)});
        },
        present(p) {
            record({op: 'present', argument: profileArgumentOf(p)});
        },
        xcr0(value) {
            if (!Number.isSafeInteger(value) || value < 0) {
                throw new TypeError('xcr0 must be a non-negative integer, not ' + String(value));
            }
            record({op: 'xcr0', value});
        },
        setRegister(leaf, subleaf, register, value) {
            edit('set', leaf, subleaf, register, value);
        },
        setBits(leaf, subleaf, register, bits) {
            edit('setBits', leaf, subleaf, register, bits);
        },
        clearBits(leaf, subleaf, register, bits) {
            edit('clearBits', leaf, subleaf, register, bits);
        },
        identity(fields) {
            const allowed = ['vendor', 'family', 'model', 'stepping', 'brand'];
            const given = Object.keys(fields || {});
            const stray = given.filter(k => !allowed.includes(k));
            if (given.length === 0 || stray.length > 0) {
                throw new TypeError('identity takes some of ' + allowed.join(', ')
                    + (stray.length > 0 ? '; not ' + stray.join(', ') : ''));
            }
            record(Object.assign({op: 'identity'}, fields));
        },
    });

    // The x86-64 psABI microarchitecture levels, each with the features it adds. The baseline
    // also lists SCE (syscall), which every x86-64 CPU has in 64-bit mode but Intel CPUs report
    // only to 64-bit code, so dumps often lack it; glibc does not check it either.
    const LEVELS = [
        ['x86-64', ['cmov', 'cx8', 'fpu', 'fxsr', 'mmx', 'sse', 'sse2']],
        ['x86-64-v2', ['cx16', 'lahf_lm', 'popcnt', 'pni', 'sse4_1', 'sse4_2', 'ssse3']],
        ['x86-64-v3', ['avx', 'avx2', 'bmi1', 'bmi2', 'f16c', 'fma', 'abm', 'movbe', 'osxsave']],
        ['x86-64-v4', ['avx512f', 'avx512bw', 'avx512cd', 'avx512dq', 'avx512vl']],
    ];
    const psabi = Object.freeze({
        levels: Object.freeze(LEVELS.map(l => l[0])),
        level(name) {
            const index = LEVELS.findIndex(l => l[0] === name);
            if (index < 0) {
                throw policyError('unknown psABI level "' + name + '"; the levels are ' + LEVELS.map(l => l[0]).join(', '));
            }
            return Object.freeze({
                name,
                required: Object.freeze(LEVELS.slice(0, index + 1).flatMap(l => l[1])),
                above: Object.freeze(LEVELS.slice(index + 1).flatMap(l => l[1])),
            });
        },
    });

    // A policy is a pure function of the host, its arguments and its text, which is what lets
    // xrr cache its model: the sources of other input are taken away too.
    for (const [owner, name, what] of [[Math, 'random', 'Math.random'], [globalThis, 'Date', 'Date']]) {
        Object.defineProperty(owner, name, {
            configurable: true,
            get() {
                const e = new Error(what + ' is not available: a policy must compute the same model every time,'
                    + ' from the host, its arguments and its own text');
                e.name = 'SandboxError';
                throw e;
            },
        });
    }

    // The sandbox already denies all of these; the getters only make the refusal say so plainly.
    // They stay configurable so that a policy may still declare a variable of the same name.
    for (const name of ['Java', 'Packages', 'java', 'javax', 'javafx', 'com', 'org', 'edu', 'Polyglot', 'Graal',
        'load', 'loadWithNewGlobal', 'require', 'process', 'read', 'readFile', 'readbuffer', 'Worker', 'quit',
        'exit']) {
        Object.defineProperty(globalThis, name, {
            configurable: true,
            get() {
                const e = new Error(name + ' is not available: policies run in a sandbox with no access to Java, files,'
                    + ' the network, threads, processes or other languages');
                e.name = 'SandboxError';
                throw e;
            },
        });
    }

    const api = {host: describe(input.host), args: Object.freeze(Object.assign({}, input.args)), profile, cpu, psabi};
    for (const [name, value] of Object.entries(api)) {
        Object.defineProperty(globalThis, name, {value, writable: false, configurable: false, enumerable: true});
    }
    return () => JSON.stringify({ops});
})
