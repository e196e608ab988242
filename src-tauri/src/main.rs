fn main() { forum_desk::main() }
