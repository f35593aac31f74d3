//! The command line's help and argument errors in Russian.
//!
//! clap writes its headings («Usage», «Options»), its own flags' help and its errors in English.
//! Here the derived [`Cli`] command gets Russian templates, headings and `--help`/`--version`
//! arguments of its own, and clap's errors are retold from their kind and context.

use super::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// Exit code of a command line that could not be understood (clap's convention).
pub const USAGE_EXIT: u8 = 2;

const TEMPLATE: &str = "{about-with-newline}\nИспользование: {usage}\n\n{all-args}{after-help}";
const OPTIONS: &str = "Параметры";
const ARGUMENTS: &str = "Аргументы";

/// What parsing the command line ended in.
#[derive(Debug)]
pub enum Parsed {
    /// Arguments to run.
    Run(Box<Cli>),
    /// Help or version text for stdout, then exit 0.
    Print(String),
    /// An error for stderr, then exit [`USAGE_EXIT`].
    Error(String),
}

/// The command line of the program, with Russian help.
pub fn command() -> Command {
    localize(Cli::command()).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Показать версию")
            .help_heading(OPTIONS),
    )
}

/// Parses `args` (the program name first). `help [КОМАНДА]` is read as `[КОМАНДА] --help`.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Parsed {
    let mut args: Vec<OsString> = args.into_iter().collect();
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.truncate(2);
        args.push("--help".into());
    }
    let matches = match command().try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(e) => return retell(&e),
    };
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => Parsed::Run(Box::new(cli)),
        Err(e) => retell(&e),
    }
}

fn localize(cmd: Command) -> Command {
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Команды")
        .subcommand_value_name("КОМАНДА")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .mut_args(localize_arg)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Показать справку")
                .help_heading(OPTIONS),
        );
    for name in names {
        cmd = cmd.mut_subcommand(name, localize);
    }
    cmd
}

/// Russian heading and value name; possible and default values written into the help text
/// (clap's own «[possible values: …]» and «[default: …]» are English).
fn localize_arg(arg: Arg) -> Arg {
    let heading = if arg.is_positional() { ARGUMENTS } else { OPTIONS };
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let takes_values = arg.get_action().takes_values();
    if takes_values {
        let values: Vec<String> =
            arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
        if !values.is_empty() && !arg.is_hide_possible_values_set() {
            help.push_str(&format!(" [варианты: {}]", values.join(", ")));
        }
        let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if !defaults.is_empty() && !arg.is_hide_default_value_set() {
            help.push_str(&format!(" [по умолчанию: {}]", defaults.join(", ")));
        }
    }
    let value_name = arg.get_value_names().and_then(|names| names.first()).and_then(|name| russian_value_name(name));
    let arg = arg.help(help).help_heading(heading);
    let arg = if takes_values { arg.hide_possible_values(true).hide_default_value(true) } else { arg };
    match value_name {
        Some(name) => arg.value_name(name),
        None => arg,
    }
}

/// Russian placeholders for the value names clap derives from field names.
fn russian_value_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "FILE" | "INPUT" | "OUT" => "ФАЙЛ",
        "PATH" => "ПУТЬ",
        "NOTE.pdf" => "СПРАВКА.pdf",
        "CAMPAIGN" => "НОМЕР",
        "REGION" => "РЕГИОН",
        "TITLE" => "НАЗВАНИЕ",
        "MUNICIPALITY" => "НАЗВАНИЕ",
        _ => return None,
    })
}

/// Words clap puts into usage lines by itself.
fn russify(text: &str) -> String {
    text.replace("[OPTIONS]", "[ПАРАМЕТРЫ]").replace("Usage: ", "")
}

fn retell(e: &clap::Error) -> Parsed {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let mut text = russify(&e.render().to_string());
            if !text.ends_with('\n') {
                text.push('\n');
            }
            Parsed::Print(text)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Parsed::Error(format!("не хватает аргументов\n\n{}", russify(&e.render().to_string())))
        }
        _ => Parsed::Error(message(e)),
    }
}

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(list) => Some(list.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(_) | ContextValue::None => None,
        _ => None,
    }
}

/// One clap error as a Russian message, with the usage line and where to find the help.
fn message(e: &clap::Error) -> String {
    let arg = text(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = text(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = vec![match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("для {arg} не указано значение"),
        ErrorKind::InvalidValue => match text(e, ContextKind::ValidValue) {
            Some(valid) => format!("недопустимое значение «{value}» для {arg}; допустимы: {valid}"),
            None => format!("недопустимое значение «{value}» для {arg}"),
        },
        // The parser's own reason is English (chrono, std): the expected form is said instead.
        ErrorKind::ValueValidation if arg.contains("<ДАТА>") => {
            format!("недопустимое значение «{value}» для {arg}: ожидается существующая дата ГГГГ-ММ-ДД")
        }
        ErrorKind::ValueValidation => format!("недопустимое значение «{value}» для {arg}"),
        ErrorKind::UnknownArgument => format!("неизвестный параметр «{arg}»"),
        ErrorKind::InvalidSubcommand => {
            format!("неизвестная команда «{}»", text(e, ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::NoEquals => format!("для {arg} значение указывается через «=»"),
        ErrorKind::TooManyValues => format!("лишнее значение «{value}» для {arg}"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("неверное число значений для {arg}"),
        ErrorKind::ArgumentConflict => match text(e, ContextKind::PriorArg) {
            Some(prior) => format!("{arg} нельзя указывать вместе с {prior}"),
            None => format!("{arg} нельзя указывать вместе с другими параметрами"),
        },
        ErrorKind::MissingRequiredArgument => format!("не указано обязательное: {arg}"),
        ErrorKind::MissingSubcommand => "не указана команда".to_string(),
        ErrorKind::InvalidUtf8 => "аргумент командной строки не является текстом UTF-8".to_string(),
        _ => "командная строка не разобрана".to_string(),
    }];
    let suggestion = text(e, ContextKind::SuggestedArg)
        .or_else(|| text(e, ContextKind::SuggestedSubcommand))
        .or_else(|| text(e, ContextKind::SuggestedValue));
    if let Some(suggestion) = suggestion {
        lines.push(format!("  возможно, имелось в виду: {suggestion}"));
    }
    if let Some(usage) = text(e, ContextKind::Usage) {
        lines.push(String::new());
        lines.push(format!("Использование: {}", russify(usage.trim())));
    }
    lines.push("Справка: mms-monitor --help (или mms-monitor КОМАНДА --help)".to_string());
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Parsed {
        parse(std::iter::once("mms-monitor").chain(args.iter().copied()).map(OsString::from))
    }

    fn printed(args: &[&str]) -> String {
        match run(args) {
            Parsed::Print(text) => text,
            other => panic!("{other:?}"),
        }
    }

    fn error(args: &[&str]) -> String {
        match run(args) {
            Parsed::Error(text) => text,
            other => panic!("{other:?}"),
        }
    }

    /// Fragments of clap's English that must never reach the user.
    const ENGLISH: [&str; 12] = [
        "Usage",
        "Options",
        "Commands",
        "Arguments",
        "Print",
        "possible values",
        "default:",
        "[OPTIONS]",
        "error:",
        "tip:",
        "For more information",
        "COMMAND",
    ];

    fn assert_russian(text: &str) {
        for word in ENGLISH {
            assert!(!text.contains(word), "«{word}» in:\n{text}");
        }
    }

    #[test]
    fn the_help_of_every_command_is_russian() {
        let mut names = vec![vec![]];
        names.extend(command().get_subcommands().map(|s| vec![s.get_name().to_string()]));
        assert!(names.len() > 5);
        for name in names {
            let mut args: Vec<&str> = name.iter().map(String::as_str).collect();
            args.push("--help");
            let text = printed(&args);
            assert!(text.contains("Использование: mms-monitor"), "{text}");
            assert!(text.contains("-h, --help") && text.contains("Показать справку"), "{text}");
            assert_russian(&text);
        }
        let top = printed(&["--help"]);
        assert!(top.contains("Команды:") && top.contains("Показать версию"), "{top}");
        let import = printed(&["import", "-h"]);
        assert!(import.contains("[варианты: ours, theirs]") && import.contains("<ФАЙЛ>"), "{import}");
        let template = printed(&["template", "--help"]);
        assert!(template.contains("[по умолчанию: Приморский край]"), "{template}");
    }

    #[test]
    fn the_main_help_reads_as_written() {
        insta::assert_snapshot!("help", printed(&["--help"]));
        insta::assert_snapshot!("import_help", printed(&["import", "--help"]));
        insta::assert_snapshot!("unknown_command", error(&["imprt", "x.json"]));
    }

    #[test]
    fn help_as_a_command_prints_the_help() {
        assert_eq!(printed(&["help"]), printed(&["--help"]));
        assert_eq!(printed(&["help", "import"]), printed(&["import", "--help"]));
    }

    #[test]
    fn version_is_printed() {
        assert_eq!(printed(&["--version"]), format!("mms-monitor {}\n", env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn argument_errors_are_russian_with_a_suggestion() {
        let unknown = error(&["asess"]);
        assert!(unknown.starts_with("неизвестная команда «asess»"), "{unknown}");
        assert!(unknown.contains("возможно, имелось в виду: assess"), "{unknown}");
        let option = error(&["assess", "--jsn"]);
        assert!(option.contains("неизвестный параметр «--jsn»") && option.contains("--json"), "{option}");
        let value = error(&["import", "a.json", "--resolve", "mine"]);
        assert!(value.contains("недопустимое значение «mine» для --resolve"), "{value}");
        assert!(value.contains("ours, theirs"), "{value}");
        let missing = error(&["import"]);
        assert!(missing.contains("не указано обязательное: <ФАЙЛ>"), "{missing}");
        let conflict = error(&["assess", "--input", "a.json", "--campaign", "1"]);
        assert!(conflict.contains("нельзя указывать вместе с"), "{conflict}");
        let date = error(&["template", "--out", "a.xlsx", "--reference-date", "2021-13-01"]);
        assert!(date.contains("недопустимое значение «2021-13-01»") && date.contains("ГГГГ-ММ-ДД"), "{date}");
        let far = error(&["template", "--out", "a.xlsx", "--reference-date", "0002-09-01"]);
        assert!(far.contains("недопустимое значение «0002-09-01»"), "the dates of files: {far}");
        for text in [unknown, option, value, missing, conflict, date] {
            assert_russian(&text);
            assert!(text.contains("Справка: mms-monitor --help"), "{text}");
        }
        assert!(error(&["import"]).contains("Использование: mms-monitor import"));
    }
}
