"""Web pages built unlike the fixtures: tables, <br> paragraphs, comments, English."""

from __future__ import annotations

from archive.readers import read_bytes

GOV_TABLE_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>吉林省推进汽车产业集群建设--吉林省人民政府</title></head>
<body><table width="100%"><tr><td class="top"><a href="/">首页</a> | <a href="/zw">政务公开</a>
| <a href="/hd">互动交流</a> | <a href="/fw">办事服务</a></td></tr>
<tr><td><table><tr><td width="200" valign="top"><div class="left"><h3>栏目导航</h3><ul>
<li><a href="/1">省政府文件</a></li><li><a href="/2">政策解读</a></li>
<li><a href="/3">新闻发布会</a></li><li><a href="/4">图片新闻</a></li></ul></div></td>
<td valign="top"><h1>吉林省推进汽车产业集群建设</h1>
<div class="info">发布时间：2023年06月28日 09:30　来源：吉林日报</div>
<div id="zoom" class="TRS_Editor">
<p>　　6月28日，长春市委、市政府印发《市级领导包保重点产业链和保障链工作方案》，高标准打造推动汽车产业集群突破发展组织领导体系。</p>
<p>　　会议指出，要深入贯彻落实省委、省政府决策部署，坚持以新能源和智能网联汽车为主攻方向，加快推进产业链延链补链强链。</p>
<p>　　会议强调，各地各部门要强化责任担当，狠抓工作落实，确保各项任务目标如期完成。</p></div>
<div class="share">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div></td></tr></table></td></tr>
<tr><td class="foot">主办：吉林省人民政府办公厅 吉ICP备05002066号</td></tr></table></body></html>"""

BR_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>红旗新能源工厂投产_新闻频道</title>
<meta property="article:published_time" content="2024-01-15T08:00:00+08:00">
<meta name="author" content="孟凡明"></head><body>
<div id="header"><ul class="menu"><li><a href="/">新闻</a></li><li><a href="/a">体育</a></li></ul></div>
<div class="main"><div class="left-col"><h1 class="article-title">红旗新能源工厂投产</h1>
<div class="article-content">　　1月15日，红旗新能源繁荣工厂正式投产，年产能20万辆。<br><br>
　　该工厂采用全新的智能制造系统，生产线自动化率达到95%以上，是目前国内最先进的新能源汽车工厂之一。<br><br>
　　据介绍，工厂投产后将有力带动长春汽车产业链上下游企业协同发展。<br>
<div class="related"><h4>相关新闻</h4><ul><li><a href="/n1">一汽红旗销量再创新高，同比增长三成以上</a></li>
<li><a href="/n2">长春汽开区签约十个重点项目</a></li></ul></div></div>
<div id="comments"><h3>网友评论</h3><div class="comment">这个工厂真不错，希望越来越好，支持国产新能源汽车！</div>
<div class="comment">红旗加油，期待更多新车型。</div></div></div>
<div class="right-col"><h3>排行榜</h3><ol><li><a href="/x1">长春地铁6号线最新进展公布</a></li></ol></div></div>
<div id="footer">Copyright 2024 版权所有</div></body></html>"""

ENGLISH_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>FAW-Volkswagen opens new plant | Auto News</title>
<meta property="og:title" content="FAW-Volkswagen opens new plant"><meta name="pubdate" content="20231017">
</head><body><header><nav><a href="/">Home</a><a href="/world">World</a></nav></header>
<main><article><header><h1>FAW-Volkswagen opens new plant</h1><p class="byline">By Jane Doe</p></header>
<p>CHANGCHUN, Oct 17 - FAW-Volkswagen on Tuesday opened a new electric vehicle plant in the
northeastern Chinese city, the company said in a statement.</p>
<p>The plant, which cost about 10 billion yuan, will build up to 300,000 cars a year, it said.</p>
<figure><img src="x.jpg"><figcaption>The new plant in Changchun.</figcaption></figure>
<h2>Catching up</h2>
<p>Sales of electric vehicles in China rose 30% in the first nine months of the year.</p>
<aside class="related"><h2>Related</h2><ul><li><a href="/1">BYD beats Tesla</a></li></ul></aside>
</article></main><footer>&copy; 2023 Auto News. All rights reserved.</footer>
<script>var tracking = "do not index me";</script></body></html>"""


def test_table_layout_government_page_in_gb2312() -> None:
    result = read_bytes(GOV_TABLE_PAGE.encode("gb18030"), "zw.htm")
    doc = result.documents[0]
    assert result.encoding == "gb18030"
    assert doc.title_hint == "吉林省推进汽车产业集群建设"
    assert doc.date_hint == "2023-06-28"
    lines = doc.text.split("\n")
    assert lines[0] == "吉林省推进汽车产业集群建设"
    assert len(lines) == 4 and lines[3].startswith("会议强调")
    for junk in ("栏目导航", "省政府文件", "政务公开", "打印本页", "吉ICP备"):
        assert junk not in doc.text


def test_br_separated_paragraphs_without_comments_or_related_links() -> None:
    doc = read_bytes(BR_PAGE.encode(), "news.html").documents[0]
    assert doc.text.split("\n") == [
        "红旗新能源工厂投产",
        "1月15日，红旗新能源繁荣工厂正式投产，年产能20万辆。",
        "该工厂采用全新的智能制造系统，生产线自动化率达到95%以上，是目前国内最先进的新能源汽车工厂之一。",
        "据介绍，工厂投产后将有力带动长春汽车产业链上下游企业协同发展。",
    ]
    assert doc.date_hint == "2024-01-15"
    assert doc.author_hints == ["孟凡明"]
    assert doc.heading_hints == []


def test_english_article_with_figure_and_subheading() -> None:
    doc = read_bytes(ENGLISH_PAGE.encode(), "plant.html").documents[0]
    assert doc.title_hint == "FAW-Volkswagen opens new plant"
    assert doc.date_hint == "2023-10-17"
    assert doc.caption_hints == ["The new plant in Changchun."]
    assert doc.heading_hints == ["Catching up"]
    assert (
        "CHANGCHUN, Oct 17 - FAW-Volkswagen on Tuesday opened a new electric vehicle plant in the "
        "northeastern Chinese city, the company said in a statement."
    ) in doc.text.split("\n")
    for junk in ("Home", "Related", "BYD beats Tesla", "All rights reserved", "do not index me"):
        assert junk not in doc.text


def test_xhtml_with_xml_declaration() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>标题</title></head><body><h1>标题</h1><p>正文第一段，写得很长很长很长很长很长很长很长。</p></body></html>"
    )
    doc = read_bytes(page.encode(), "a.xhtml").documents[0]
    assert doc.text == "标题\n正文第一段，写得很长很长很长很长很长很长很长。"


LOGO_PAGE = """<html><head><meta charset="utf-8"><title>奥迪一汽新能源项目投产 - 吉林新闻网</title>
<meta property="og:site_name" content="吉林新闻网"></head><body>
<div class="head"><h1><a href="/"><img src="logo.png" alt="吉林新闻网">吉林新闻网</a></h1></div>
<div class="wrap"><div class="news-title">奥迪一汽新能源项目投产</div>
<div class="text"><p>奥迪一汽新能源汽车项目今天正式投产，这是奥迪在中国的首个纯电动车专属工厂，年产能15万辆。</p>
<p>项目总投资约300亿元，将带动长春汽车产业链上下游企业加速向新能源转型发展。</p></div></div>
</body></html>"""


def test_logo_h1_is_not_the_headline() -> None:
    doc = read_bytes(LOGO_PAGE.encode(), "audi.html").documents[0]
    assert doc.title_hint == "奥迪一汽新能源项目投产"
    assert doc.text.split("\n")[0] == "奥迪一汽新能源项目投产"
    assert "吉林新闻网" not in doc.text
