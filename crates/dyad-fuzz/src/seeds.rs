//! Valid starting inputs and syntax tokens per target.

use crate::Target;

/// A few valid inputs of `target`'s format.
pub fn seeds(target: Target) -> &'static [&'static str] {
    match target {
        Target::Html => &[
            "<html><head><title>Rebels attack</title><meta property=\"article:published_time\" content=\"2019-10-31\"></head><body><nav>Home</nav><article><h1>Rebels attack Gao</h1><figure><img src=x><figcaption>Smoke over Gao.</figcaption></figure><p>Rebels attacked the town on Monday, officials said.</p><p>Police <b>fired</b> on <i>protesters</i>.</p></article><script>var x = '<p>';</script></body></html>",
            "<div><span>Troops <em>left</em> the city.</span></div>",
        ],
        Target::Xml => &[
            "<Sentences>\n<Sentence date=\"20150813\" id=\"s1\" source=\"DEMO\">\n<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"190\"/>\n<Text>\nArnor attacked\nGondor.\n</Text>\n<Parse>\n1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n</Parse>\n</Sentence>\n<Config option=\"require_dyad\" value=\"false\"/>\n<Sentence date=\"20150814\" id=\"s2\"><Text>Troops &amp; police left.</Text></Sentence>\n</Sentences>\n",
        ],
        Target::Csv => &[
            "id,title,date,text,url\n1,Attack,2019-10-31,\"Rebels attacked Gao, officials said.\",http://x\n2,Talks,31 Oct 2019,\"He said \"\"no\"\".\nNew line.\",\n",
        ],
        Target::Jsonl => &[
            "{\"id\":\"a\",\"title\":\"T\",\"date\":\"2019-10-31\",\"text\":\"Rebels attacked Gao.\\nPolice left.\",\"url\":\"http://x\"}\n{\"id\":7,\"text\":\"Caf\\u00e9 owners protested.\"}\n",
        ],
        Target::Sgml => &[
            "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS TOPICS=\"YES\" NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>&#2;\n<TITLE>BAHIA COCOA REVIEW</TITLE>\n<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week.\n&lt;Reuter&gt;\n&#3;</BODY></TEXT>\n</REUTERS>\n",
        ],
        Target::Conllu => &[
            "# newdoc id = d1\n# sent_id = 1\n# text = Rebels attacked Gao.\n1\tRebels\trebel\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tGao\tGao\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n# sent_id = 2\n# text = Don't go.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\tdo\tAUX\tVB\t_\t3\taux\t_\t_\n2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n",
        ],
        Target::Text => &[
            "Rebels Attack Gao\n\nIn this Sept. 18, 2016 photo released by AP, troops patrol.\n(AP Photo/John Doe)\n\nGAO, Mali (AP) — Rebels attacked the town on Monday, officials said.\n\nShare this article\n© 2019 AP\n",
        ],
        Target::PetrarchDicts => &[
            "--- ATTACK [190] ---\nATTACK {ATTACKED ATTACKING}\n- * (ON +) [190]\n- + {WAS ATTACKED} BY $ [190]\n&FORCES\n+TROOPS\n+&ARMY\n&ARMY\n+SOLDIERS\n",
            "UNITED_STATES [USA]\n+AMERICA\nBARACK_OBAMA [USAELI]\n[USAGOV 20090120-20170120]\n~POLICE [COP]\n!minist! [GOV]\n",
        ],
        Target::DyadDicts => &[
            "role prime-minister GOV: prime minister | premier\nIRQ  Iraq | Republic of Iraq\n    adj: Iraqi\n    people: Iraqis\n    capital: Baghdad\nIRQELI  Adel Abdul Mahdi | Abdul Mahdi\n    IRQGOV  2018-10-25..2020-05-06  prime-minister\nIRNGOV  Ali Khamenei  @1989-06-04..  supreme-leader\n",
            "&ATTACK       attack | offensive | raid\n190  attack | &ATTACK on +\n087   agree to stop fighting | agree to halt &ATTACK\n",
        ],
    }
}

/// Pieces of `target`'s syntax that mutations insert.
pub fn tokens(target: Target) -> &'static [&'static [u8]] {
    match target {
        Target::Html => &[
            b"<div>",
            b"</div>",
            b"<span>",
            b"<",
            b">",
            b"&amp;",
            b"<!--",
            b"-->",
            b"<script>",
            b"<p>",
            b"\"",
            b"&#",
            b"<article>",
        ],
        Target::Xml => &[
            b"<Sentence id=\"x\">",
            b"</Sentence>",
            b"<Text>",
            b"</Text>",
            b"<Parse>",
            b"</Parse>",
            b"<",
            b"&amp;",
            b"&#x0;",
            b"\t",
            b"\n",
            b"<![CDATA[",
            b"<Config option=\"comma_min\" value=\"9\"/>",
        ],
        Target::Csv => &[b"\"", b",", b"\n", b"\r\n", b"\"\"", b"\xef\xbb\xbf", b"\0"],
        Target::Jsonl => &[
            b"{", b"}", b"\"", b"\\", b"\\u", b"\n", b":", b",", b"[", b"null", b"\xff",
        ],
        Target::Sgml => &[
            b"<REUTERS NEWID=\"2\">",
            b"</REUTERS>",
            b"<BODY>",
            b"</BODY>",
            b"<TITLE>",
            b"&lt;",
            b"&#3;",
            b"<TEXT>",
            b"\n",
        ],
        Target::Conllu => &[
            b"\t",
            b"\n",
            b"#",
            b"1-2",
            b"_",
            b"0",
            b"999",
            b"\n\n",
            b"3.1",
            b"SpaceAfter=No",
        ],
        Target::Text => &[
            b"\n\n",
            b"(AP) \xe2\x80\x94 ",
            b"In this photo, ",
            b"\xc3",
            b"\0",
            b"\r",
            b"\xe2\x80\x9c",
        ],
        Target::PetrarchDicts => &[
            b"---", b"[", b"]", b"{", b"}", b"+", b"&", b"\n", b"~", b"!", b"$", b"(", b")", b"*",
        ],
        Target::DyadDicts => &[
            b"|", b"\n", b"    ", b"..", b"@", b":", b"&", b"+", b"#", b"role ", b"*",
        ],
    }
}
