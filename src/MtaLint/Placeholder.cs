namespace MtaLint; public static class Placeholder {}
