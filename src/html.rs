//! placeholder until the extractor lands
#[derive(Debug, Default, Clone, PartialEq)]
pub struct HtmlDoc {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub paragraphs: Vec<String>,
}
pub fn extract(html: &str) -> HtmlDoc {
    HtmlDoc {
        paragraphs: vec![crate::decode::fragment_text(html)],
        ..HtmlDoc::default()
    }
}
