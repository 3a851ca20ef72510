/// An Aho–Corasick automaton over token ids: fed one symbol at a time, it knows the longest inserted sequence
/// that ends at the current symbol. Building it and reading n symbols cost time linear in the inserted
/// sequences' total length and in n, whatever the sequences (no backtracking over the input).
struct TokenAutomaton: Sendable {
    /// The start state.
    static let root: Int32 = 0

    /// Transitions, keyed by state (high 32 bits) and symbol (low 32 bits).
    private var transitions: [UInt64: Int32] = [:]
    /// The state reached by the longest proper suffix of each state's sequence.
    private var failure: [Int32] = [0]
    /// Each state's depth (its sequence's length in symbols).
    private var depth: [Int32] = [0]
    /// Whether a state ends an inserted sequence.
    private var terminal: [Bool] = [false]
    /// The length of the longest inserted sequence that is a suffix of each state's sequence (0 for none); set by ``link()``.
    private var longest: [Int32] = [0]

    private static func key(_ state: Int32, _ symbol: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: state)) << 32 | UInt64(UInt32(bitPattern: symbol))
    }

    /// Adds a sequence of symbols (each ≥ 0). Call ``link()`` after the last one.
    mutating func insert(_ symbols: [Int32]) {
        guard !symbols.isEmpty else { return }
        var state = Self.root
        for symbol in symbols {
            if let next = transitions[Self.key(state, symbol)] {
                state = next
            } else {
                let next = Int32(depth.count)
                transitions[Self.key(state, symbol)] = next
                failure.append(Self.root)
                depth.append(depth[Int(state)] + 1)
                terminal.append(false)
                longest.append(0)
                state = next
            }
        }
        terminal[Int(state)] = true
    }

    /// Computes the failure links and each state's longest match, breadth first.
    mutating func link() {
        var children = [[(symbol: Int32, state: Int32)]](repeating: [], count: depth.count)
        for (key, state) in transitions {
            children[Int(key >> 32)].append((Int32(bitPattern: UInt32(truncatingIfNeeded: key)), state))
        }
        var queue: [Int32] = [Self.root]
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (symbol, child) in children[Int(state)] {
                if state != Self.root {
                    var fallback = failure[Int(state)]
                    while fallback != Self.root && transitions[Self.key(fallback, symbol)] == nil { fallback = failure[Int(fallback)] }
                    let target = transitions[Self.key(fallback, symbol)] ?? Self.root
                    failure[Int(child)] = target == child ? Self.root : target
                }
                longest[Int(child)] = terminal[Int(child)] ? depth[Int(child)] : longest[Int(failure[Int(child)])]
                queue.append(child)
            }
        }
    }

    /// The state after reading `symbol` (a negative symbol is one no sequence holds, and leads back to the root).
    func step(from state: Int32, on symbol: Int32) -> Int32 {
        guard symbol >= 0 else { return Self.root }
        var current = state
        while true {
            if let next = transitions[Self.key(current, symbol)] { return next }
            if current == Self.root { return Self.root }
            current = failure[Int(current)]
        }
    }

    /// The length of the longest inserted sequence ending at the last symbol read, 0 for none.
    func longestMatch(at state: Int32) -> Int32 { longest[Int(state)] }
}
